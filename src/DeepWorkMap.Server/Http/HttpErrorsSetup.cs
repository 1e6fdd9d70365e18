using System.Text.Json.Serialization;
using DeepWorkMap.Contracts;

namespace DeepWorkMap.Server.Http;

/// <summary>How the API answers, right or wrong: docs/api.md's time format, and a problem with a <c>code</c> for every failure.</summary>
public static class HttpErrorsSetup
{
    public static IServiceCollection AddApiConventions(this IServiceCollection services)
    {
        services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
        {
            var status = context.ProblemDetails.Status ?? context.HttpContext.Response.StatusCode;
            context.ProblemDetails.Extensions.TryAdd("code", ErrorCodes.ForStatus(status));
        });
        services.AddExceptionHandler<ApiExceptionHandler>();
        services.AddRateLimitAnswer();
        services.ConfigureHttpJsonOptions(options =>
        {
            options.SerializerOptions.Converters.Add(new UtcTimestampConverter());
            // The web defaults read "10" as 10; the contract's numbers are JSON numbers, as the hub already holds them.
            options.SerializerOptions.NumberHandling = JsonNumberHandling.Strict;
        });
        // A malformed body or query is the caller's 400, answered by ApiExceptionHandler, not a bare 400.
        services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        return services;
    }
}
