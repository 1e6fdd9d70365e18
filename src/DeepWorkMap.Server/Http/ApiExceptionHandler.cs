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
        if (status >= 500) LogServerError(logger, context.Request.Method, context.Request.Path, exception);

        context.Response.StatusCode = status;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            Exception = exception,
            ProblemDetails = { Status = status, Title = title, Extensions = { ["code"] = code } },
        });
    }

    private static string RequestProblemTitle(BadHttpRequestException bad) =>
        bad.InnerException is System.Text.Json.JsonException ? "The request body is not valid JSON for this endpoint." : bad.Message;

    [LoggerMessage(Level = LogLevel.Error, Message = "Request {Method} {Path} failed")]
    private static partial void LogServerError(ILogger logger, string method, string path, Exception exception);
}
