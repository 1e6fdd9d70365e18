using Microsoft.Extensions.Options;
using DeepWorkMap.Server.Identity;

namespace DeepWorkMap.Server.Realtime;

/// <summary>
/// Renews this front door's registrations with the sessions and tiles its clients watch, every
/// <c>Realtime:RenewSeconds</c> (default 5). Grain registrations expire (a front door can die without
/// saying so) and are lost when a grain moves to another silo; renewing restores them and catches up.
/// </summary>
public sealed class LiveRenewal(SessionRelay sessions, AreaRelay areas, AccountGuard accounts, IOptions<RealtimeOptions> options) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var period = TimeSpan.FromSeconds(options.Value.RenewSeconds);
        using var timer = new PeriodicTimer(period);
        while (await timer.WaitForNextTickAsync(stoppingToken))
            await Task.WhenAll(sessions.RenewAsync(), areas.RenewAsync(), accounts.RenewAsync());
    }
}
