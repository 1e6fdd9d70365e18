using DeepWorkMap.Server.Hosting;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace DeepWorkMap.Server.Health;

/// <summary>
/// <c>/health/live</c> (the process runs) and <c>/health/ready</c> (it is not stopping, and the silo, and where configured
/// PostgreSQL and Redis, answer).
/// </summary>
public static class HealthSetup
{
    private const string Ready = "ready";

    public static IServiceCollection AddHealth(this IServiceCollection services, DeploymentSettings settings)
    {
        var checks = services.AddHealthChecks()
            .AddCheck<DrainHealthCheck>("drain", tags: [Ready])
            .AddCheck<ClusterHealthCheck>("cluster", tags: [Ready]);
        if (settings.IsDurable) checks.AddCheck<PostgresHealthCheck>("postgres", tags: [Ready]);
        if (settings.RedisConnectionString is not null) checks.AddCheck<RedisHealthCheck>("redis", tags: [Ready]);
        return services;
    }

    /// <summary>The readiness checks run every 10 s for <see cref="ReadinessGauge"/> too.</summary>
    public static IServiceCollection AddReadinessGauge(this IServiceCollection services)
    {
        services.Configure<HealthCheckPublisherOptions>(options =>
        {
            options.Period = TimeSpan.FromSeconds(10);
            options.Predicate = check => check.Tags.Contains(Ready);
        });
        return services.AddSingleton<IHealthCheckPublisher, ReadinessGauge>();
    }

    /// <summary>The probes are read (GET, or HEAD); any other method is 405 like the API's, not a probe answered.</summary>
    public static void MapHealth(this IEndpointRouteBuilder routes)
    {
        string[] read = [HttpMethods.Get, HttpMethods.Head];
        routes.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).WithMetadata(new HttpMethodMetadata(read));
        routes.MapHealthChecks("/health/ready", new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains(Ready),
            ResultStatusCodes =
            {
                [HealthStatus.Healthy] = StatusCodes.Status200OK,
                [HealthStatus.Degraded] = StatusCodes.Status503ServiceUnavailable,
                [HealthStatus.Unhealthy] = StatusCodes.Status503ServiceUnavailable,
            },
        }).WithMetadata(new HttpMethodMetadata(read));
    }
}
