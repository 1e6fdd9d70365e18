using System.Diagnostics.Metrics;
using DeepWorkMap.Grains;

namespace DeepWorkMap.Server.Telemetry;

/// <summary>
/// The cluster as this silo sees it: <c>deepwork.cluster.silos</c> by status, and <c>deepwork.silos.declared_dead</c>,
/// the silos it saw go from active to dead without shutting down (killed, crashed, cut off: the others voted them
/// out). A silo stopped on purpose passes through shutting-down first and is not counted.
/// </summary>
public sealed partial class ClusterMetrics(IClusterMembershipService membership, ILogger<ClusterMetrics> logger) : BackgroundService
{
    private readonly Meter _meter = new(DeepWorkMetrics.MeterName);

    public override void Dispose()
    {
        _meter.Dispose();
        base.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var declaredDead = _meter.CreateCounter<long>("deepwork.silos.declared_dead",
            description: "Silos this silo saw declared dead by the cluster without having shut down");
        _meter.CreateObservableGauge("deepwork.cluster.silos", () => membership.CurrentSnapshot.Members.Values
            .GroupBy(member => member.Status)
            .Select(group => new Measurement<int>(group.Count(), new KeyValuePair<string, object?>("status", group.Key.ToString().ToLowerInvariant()))),
            description: "Silos in the membership table as this silo sees it, by status");
        var last = new Dictionary<SiloAddress, SiloStatus>();
        try
        {
            await foreach (var snapshot in membership.MembershipUpdates.WithCancellation(stoppingToken))
            {
                foreach (var (address, member) in snapshot.Members)
                {
                    if (member.Status == SiloStatus.Dead && last.GetValueOrDefault(address) == SiloStatus.Active)
                    {
                        declaredDead.Add(1);
                        LogDeclaredDead(logger, address.ToString());
                    }
                    last[address] = member.Status;
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Silo {Silo} was declared dead without shutting down")]
    private static partial void LogDeclaredDead(ILogger logger, string silo);
}
