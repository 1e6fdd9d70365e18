using DeepWorkMap.Contracts;
using Microsoft.AspNetCore.Diagnostics;

namespace DeepWorkMap.Server.Http;

/// <summary>
/// Turns whatever escaped an endpoint into ProblemDetails without a stack trace: malformed requests
/// are the caller's 400, an unreachable cluster or database is 503, anything else an opaque 500.
/// </summary>
public sealed partial class ApiExceptionHandler(IProblemDetailsService problems, ILogger<ApiExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        var (status, code, title) = exception switch
        {
            BadHttpRequestException bad => (bad.StatusCode, ErrorCodes.ForStatus(bad.StatusCode), RequestProblemTitle(bad)),
            TimeoutException or OperationCanceledException or Orleans.Runtime.OrleansException or Npgsql.NpgsqlException =>
                (StatusCodes.Status503ServiceUnavailable, ErrorCodes.Unavailable, "The service is temporarily unavailable; try again."),
            _ => (StatusCodes.Status500InternalServerError, ErrorCodes.InternalError, "An unexpected error occurred."),
        };
        // The route, not the path: a path may be a secret (the calendar feed's address).
        // The handler runs with the endpoint cleared; the feature keeps the one that failed.
        var endpoint = context.Features.Get<IExceptionHandlerFeature>()?.Endpoint ?? context.GetEndpoint();
        if (status >= 500) LogServerError(logger, context.Request.Method, (endpoint as RouteEndpoint)?.RoutePattern.RawText ?? "(no route)", exception);

        context.Response.StatusCode = status;
        var problem = new ProblemDetailsContext
        {
            HttpContext = context,
            Exception = exception,
            ProblemDetails = { Status = status, Title = title, Extensions = { ["code"] = code } },
        };
        if (InvalidJsonField(exception) is { } field)
            problem.ProblemDetails.Extensions["errors"] = new Dictionary<string, string[]> { [field] = ["Has the wrong type or format."] };
        return await problems.TryWriteAsync(problem);
    }

    /// <summary>The body field a JSON binding error is about ("$.latitude" → "latitude"), when the reader knows it.</summary>
    private static string? InvalidJsonField(Exception exception) =>
        exception is BadHttpRequestException { InnerException: System.Text.Json.JsonException { Path: { Length: > 2 } path } } && path.StartsWith("$.", StringComparison.Ordinal)
            ? path[2..]
            : null;

    private static string RequestProblemTitle(BadHttpRequestException bad) =>
        bad.InnerException is System.Text.Json.JsonException ? "The request body is not valid JSON for this endpoint." : bad.Message;

    [LoggerMessage(Level = LogLevel.Error, Message = "Request {Method} {Route} failed")]
    private static partial void LogServerError(ILogger logger, string method, string route, Exception exception);
}
