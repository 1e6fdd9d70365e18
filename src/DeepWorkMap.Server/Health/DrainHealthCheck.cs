using DeepWorkMap.Server.Hosting;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace DeepWorkMap.Server.Health;

/// <summary>
/// Not ready once the process has been told to stop: the load balancer takes it out of rotation while it drains.
/// Degraded rather than unhealthy, so the expected drain is logged as a warning, not as a failure; /health/ready
/// answers 503 for both (HealthSetup).
/// </summary>
public sealed class DrainHealthCheck(FrontDoorDrain drain) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(drain.IsDraining ? HealthCheckResult.Degraded("draining: this process is stopping") : HealthCheckResult.Healthy());
}
