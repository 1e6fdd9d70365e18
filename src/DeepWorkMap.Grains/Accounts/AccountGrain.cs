using DeepWorkMap.Contracts.Accounts;
using DeepWorkMap.Grains.Live;
using Microsoft.Extensions.Logging;
using Orleans.Utilities;

namespace DeepWorkMap.Grains.Accounts;

/// <summary>
/// Answers, from memory, whether an account may still act; reads the store once per activation. The store is
/// the truth: a front door closes the account there first, then tells this grain.
/// </summary>
public sealed class AccountGrain(IAccountStanding standing, ILogger<AccountGrain> logger) : Grain, IAccountGrain
{
    private readonly ObserverManager<IAccountObserver> _watchers = new(ObserverLease.Duration, logger);
    private bool _open;

    public override async Task OnActivateAsync(CancellationToken cancellationToken) =>
        _open = await standing.IsOpenAsync(this.GetPrimaryKey(), cancellationToken);

    public Task<bool> IsOpen() => Task.FromResult(_open);

    public Task Close()
    {
        _open = false;
        var userId = this.GetPrimaryKey();
        _watchers.Notify(watcher => { _ = watcher.AccountClosed(userId); });
        return Task.CompletedTask;
    }

    public Task Watch(IAccountObserver observer)
    {
        _watchers.Subscribe(observer, observer);
        return Task.CompletedTask;
    }

    public Task Unwatch(IAccountObserver observer)
    {
        _watchers.Unsubscribe(observer);
        return Task.CompletedTask;
    }
}
