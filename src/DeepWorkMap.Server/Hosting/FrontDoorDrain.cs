using Microsoft.Extensions.Options;

namespace DeepWorkMap.Server.Hosting;

/// <summary>
/// Takes a front door out of the balancer's rotation before it stops: on SIGTERM it first reports not ready
/// (<c>/health/ready</c> 503, see <c>DrainHealthCheck</c>) while it goes on serving for <see cref="DrainOptions.DelaySeconds"/>,
/// the time the balancer needs to notice. Then the host stops as usual: hub connections are closed with SignalR's
/// reconnect hint (<c>HubConnectionCloser</c>), Kestrel finishes the requests in flight, and a co-hosted silo hands its
/// grains over and leaves the cluster. A process that serves no clients (a silo of the split) stops at once.
/// </summary>
public sealed partial class FrontDoorDrain(
    IHostApplicationLifetime lifetime, IOptions<DrainOptions> options, DeploymentSettings settings, ILogger<FrontDoorDrain> logger)
{
    private int _draining;

    /// <summary>True from the stop signal on: the readiness check fails so the balancer stops sending new requests.</summary>
    public bool IsDraining => Volatile.Read(ref _draining) == 1;

    /// <summary>The stop signal: drain, then stop. A second signal while draining stops at once.</summary>
    public void Stop()
    {
        if (Interlocked.Exchange(ref _draining, 1) == 1 || !settings.ServesClients)
        {
            lifetime.StopApplication();
            return;
        }
        var delay = TimeSpan.FromSeconds(options.Value.DelaySeconds);
        LogDraining(logger, delay.TotalSeconds);
        _ = StopAfterAsync(delay);
    }

    private async Task StopAfterAsync(TimeSpan delay)
    {
        try
        {
            await Task.Delay(delay, lifetime.ApplicationStopping);
        }
        catch (OperationCanceledException)
        {
            // Stopped by other means meanwhile.
        }
        lifetime.StopApplication();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Stopping: not ready from now on, serving for {Seconds} s more while the load balancer takes this front door out of rotation")]
    private static partial void LogDraining(ILogger logger, double seconds);
}
