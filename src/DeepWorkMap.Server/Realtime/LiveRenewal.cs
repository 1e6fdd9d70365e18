using Microsoft.Extensions.Options;
using DeepWorkMap.Server.Identity;

namespace DeepWorkMap.Server.Realtime;

/// <summary>
/// Renews this front door's registrations with the sessions, regions and accounts its clients watch, each once every
/// <c>Realtime:RenewSeconds</c> (default 5), a tenth of them each tenth of the period (<see cref="RenewalSlice"/>).
/// Grain registrations expire (a front door can die without saying so) and are lost when a grain moves to another
/// silo; renewing restores them and catches up.
/// </summary>
public sealed class LiveRenewal(SessionRelay sessions, AreaRelay areas, AccountGuard accounts, IOptions<RealtimeOptions> options) : BackgroundService
{
    public const int Slices = 10;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(options.Value.RenewSeconds) / Slices);
        for (var tick = 0L; await timer.WaitForNextTickAsync(stoppingToken); tick++)
        {
            var slice = new RenewalSlice((int)(tick % Slices), Slices);
            await Task.WhenAll(sessions.RenewAsync(slice), areas.RenewAsync(slice), accounts.RenewAsync(slice.Holds));
        }
    }
}
