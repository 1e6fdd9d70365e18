using DeepWorkMap.Server.Hosting;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace DeepWorkMap.Server.Health;

/// <summary>Not ready once the process has been told to stop: the load balancer takes it out of rotation while it drains.</summary>
public sealed class DrainHealthCheck(FrontDoorDrain drain) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(drain.IsDraining ? HealthCheckResult.Unhealthy("draining: this process is stopping") : HealthCheckResult.Healthy());
}
