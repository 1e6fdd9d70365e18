using DeepWorkMap.Grains;
using DeepWorkMap.Server.Hosting;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace DeepWorkMap.Server.Telemetry;

/// <summary>
/// OpenTelemetry metrics and traces, exported over OTLP when <c>OpenTelemetry:OtlpEndpoint</c> is set:
/// ASP.NET Core's, Orleans' own meters and grain-call spans, and ours (<see cref="DeepWorkMetrics"/>).
/// </summary>
public static class TelemetrySetup
{
    public static IServiceCollection AddTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        var options = ValidatedOptions.Read<TelemetryOptions>(configuration, TelemetryOptions.Section);
        if (options.OtlpEndpoint is not { } otlp) return services;
        services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(options.ServiceName))
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddMeter("Microsoft.Orleans", "Microsoft.AspNetCore.Http.Connections", "Microsoft.AspNetCore.Server.Kestrel", DeepWorkMetrics.MeterName)
                .AddOtlpExporter(exporter => exporter.Endpoint = otlp))
            .WithTracing(tracing => tracing
                .AddAspNetCoreInstrumentation()
                .AddSource("Microsoft.Orleans.Runtime", "Microsoft.Orleans.Application")
                .AddOtlpExporter(exporter => exporter.Endpoint = otlp));
        return services;
    }
}
