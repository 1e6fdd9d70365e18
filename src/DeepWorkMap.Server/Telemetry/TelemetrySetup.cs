using DeepWorkMap.Grains;
using DeepWorkMap.Server.Health;
using DeepWorkMap.Server.Hosting;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace DeepWorkMap.Server.Telemetry;

/// <summary>
/// OpenTelemetry metrics and traces: exported over OTLP when <c>OpenTelemetry:OtlpEndpoint</c> is set, and metrics
/// scraped by Prometheus from <c>/metrics</c> on the operations listener when <c>Operations:Url</c> is set. They are
/// ASP.NET Core's, SignalR's (hub connections per front door), Orleans' (grain activations by type) and ours
/// (<see cref="DeepWorkMetrics"/>, <see cref="ClusterMetrics"/>, <see cref="ReadinessGauge"/>).
/// </summary>
public static class TelemetrySetup
{
    private static readonly string[] Meters =
        ["Microsoft.Orleans", "Microsoft.AspNetCore.Http.Connections", "Microsoft.AspNetCore.Server.Kestrel", DeepWorkMetrics.MeterName];

    public static IServiceCollection AddTelemetry(this IServiceCollection services, IConfiguration configuration, DeploymentSettings settings)
    {
        var options = ValidatedOptions.Read<TelemetryOptions>(configuration, TelemetryOptions.Section);
        if (!settings.CollectsMetrics) return services;
        var telemetry = services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(options.ServiceName))
            .WithMetrics(metrics =>
            {
                metrics.AddAspNetCoreInstrumentation().AddMeter(Meters);
                if (options.OtlpEndpoint is { } otlp) metrics.AddOtlpExporter(exporter => exporter.Endpoint = otlp);
                if (settings.OperationsUrl is not null) metrics.AddPrometheusExporter();
            });
        if (options.OtlpEndpoint is { } endpoint)
            telemetry.WithTracing(tracing => tracing
                .AddAspNetCoreInstrumentation()
                .AddSource("Microsoft.Orleans.Runtime", "Microsoft.Orleans.Application")
                .AddOtlpExporter(exporter => exporter.Endpoint = endpoint));
        if (settings.HostsGrains) services.AddHostedService<ClusterMetrics>();
        services.AddReadinessGauge();
        return services;
    }
}
