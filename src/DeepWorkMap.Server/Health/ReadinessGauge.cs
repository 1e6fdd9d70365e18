using System.Diagnostics.Metrics;
using DeepWorkMap.Grains;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace DeepWorkMap.Server.Health;

/// <summary>
/// <c>deepwork.ready</c>: 1 while this process's readiness checks pass, 0 while one fails (it checks every 10 s), so
/// Prometheus sees what the load balancer sees without probing each process itself.
/// </summary>
public sealed class ReadinessGauge : IHealthCheckPublisher, IDisposable
{
    private readonly Meter _meter = new(DeepWorkMetrics.MeterName);
    private volatile int _ready = 1;

    public ReadinessGauge() =>
        _meter.CreateObservableGauge("deepwork.ready", () => _ready, description: "1 while this process's /health/ready passes, else 0");

    public void Dispose() => _meter.Dispose();

    public Task PublishAsync(HealthReport report, CancellationToken cancellationToken)
    {
        _ready = report.Status == HealthStatus.Healthy ? 1 : 0;
        return Task.CompletedTask;
    }
}
