using DeepWorkMap.Contracts.Sessions;
using DeepWorkMap.Contracts.Accounts;
using DeepWorkMap.Grains.Live;
using Microsoft.Extensions.Logging;
using Orleans.Utilities;

namespace DeepWorkMap.Grains.Accounts;

/// <summary>
/// Answers, from memory, whether an account may still act, whom it blocks, and whether it may send another
/// chat message now; reads the stores once per activation. The stores are the truth: a front door closes the account there first, then tells this grain;
/// a block is written before either account's grain knows of it.
/// </summary>
public sealed class AccountGrain(IAccountStanding standing, IBlockStore blockStore, Clock clock, ILogger<AccountGrain> logger) : Grain, IAccountGrain
{
    private readonly ObserverManager<IAccountObserver> _watchers = new(ObserverLease.Duration, logger);
    private readonly List<Guid> _blocks = [];
    private readonly HashSet<Guid> _blockedBy = [];
    private bool _open;
    private double _chatTokens = double.NaN;
    private DateTimeOffset _chatRefilledAt;

    private Guid UserId => this.GetPrimaryKey();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _open = await standing.IsOpenAsync(UserId, cancellationToken);
        var (blocks, blockedBy) = await blockStore.LoadAsync(UserId, cancellationToken);
        _blocks.AddRange(blocks);
        _blockedBy.UnionWith(blockedBy);
    }

    public Task<bool> IsOpen() => Task.FromResult(_open);

    public Task Close()
    {
        _open = false;
        _watchers.Notify(watcher => { _ = watcher.AccountClosed(UserId); });
        return Task.CompletedTask;
    }

    public async Task Reload() => _open = await standing.IsOpenAsync(UserId);

    public Task Watch(IAccountObserver observer)
    {
        _watchers.Subscribe(observer, observer);
        return Task.CompletedTask;
    }

    public Task PromotedFromWaitlist(SessionSnapshot session)
    {
        _watchers.Notify(watcher => { _ = watcher.PromotedFromWaitlist(UserId, session); });
        return Task.CompletedTask;
    }

    public Task Unwatch(IAccountObserver observer)
    {
        _watchers.Unsubscribe(observer);
        return Task.CompletedTask;
    }

    public Task<int> TakeChatTokens(int wanted, int burst, double perSecond)
    {
        var now = clock.GetUtcNow();
        _chatTokens = double.IsNaN(_chatTokens) ? burst : Math.Min(burst, _chatTokens + (now - _chatRefilledAt).TotalSeconds * perSecond);
        _chatRefilledAt = now;
        var taken = (int)Math.Min(wanted, Math.Floor(_chatTokens));
        _chatTokens -= taken;
        return Task.FromResult(taken);
    }

    public async Task Block(Guid otherId)
    {
        if (_blocks.Contains(otherId)) return;
        await blockStore.AddAsync(UserId, otherId);
        _blocks.Add(otherId);
        await GrainFactory.GetGrain<IAccountGrain>(otherId).BlockedBy(UserId, blocked: true);
    }

    public async Task Unblock(Guid otherId)
    {
        if (!_blocks.Contains(otherId)) return;
        await blockStore.RemoveAsync(UserId, otherId);
        _blocks.Remove(otherId);
        await GrainFactory.GetGrain<IAccountGrain>(otherId).BlockedBy(UserId, blocked: false);
    }

    public Task<IReadOnlyList<Guid>> Blocks() => Task.FromResult<IReadOnlyList<Guid>>([.. _blocks]);

    public Task<bool> IsBlocking(Guid otherId) => Task.FromResult(_blocks.Contains(otherId));

    public Task<IReadOnlySet<Guid>> Hidden() => Task.FromResult<IReadOnlySet<Guid>>(new HashSet<Guid>(_blocks.Concat(_blockedBy)));

    public Task BlockedBy(Guid otherId, bool blocked)
    {
        if (blocked) _blockedBy.Add(otherId);
        else _blockedBy.Remove(otherId);
        return Task.CompletedTask;
    }
}
