using DeepWorkMap.Contracts.Sessions;
using DeepWorkMap.Grains.Sessions;
using DeepWorkMap.Grains;

namespace DeepWorkMap.Server.Sessions;

/// <summary>
/// Status is a function of the clock, so reads are always exact; what a status change entails (leaving
/// the index, telling watchers) needs a nudge. Every <see cref="Interval"/> this asks the catalog which
/// sessions the clock has moved past their recorded status and tells their grains to catch up. The
/// catalog is durable, so nothing is missed across restarts; several silos sweeping at once is harmless
/// because catching up is idempotent.
/// </summary>
public sealed partial class SessionLifecycleSweeper(
    ISessionCatalog catalog, SessionGrains grains, Clock clock, ILogger<SessionLifecycleSweeper> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    private const int BatchSize = 500;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval); // real time paces the sweep; the injected clock says what is due
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await SweepOnceAsync(stoppingToken);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                LogSweepFailed(logger, e);
            }
        }
    }

    public async Task<int> SweepOnceAsync(CancellationToken cancellationToken = default)
    {
        var due = await catalog.DueForCatchUpAsync(clock.GetUtcNow(), BatchSize, cancellationToken);
        await Task.WhenAll(due.Select(id => grains.Get(id).CatchUp()));
        return due.Count;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The lifecycle sweep failed; trying again next round")]
    private static partial void LogSweepFailed(ILogger logger, Exception exception);
}
