using DeepWorkMap.Contracts.Sessions;
using DeepWorkMap.Contracts.Users;
using DeepWorkMap.Contracts.Accounts;
using DeepWorkMap.Grains.Live;
using Microsoft.Extensions.Logging;
using Orleans.Utilities;

namespace DeepWorkMap.Grains.Accounts;

/// <summary>
/// Answers, from memory, whether an account may still act, whom it blocks, and whether it may send another
/// chat message now; reads the stores once per activation, on the first call that needs them (a push to the
/// user's connections, or a chat budget, needs no store). The stores are the truth: a front door closes the account there first, then tells this grain;
/// a block is written before either account's grain knows of it.
/// </summary>
public sealed class AccountGrain(IAccountStanding standing, IBlockStore blockStore, IDeviceRevocations devices, Clock clock, ILogger<AccountGrain> logger) : Grain, IAccountGrain
{
    private readonly ObserverManager<IAccountObserver> _watchers = new(ObserverLease.Duration, logger);
    private readonly List<Guid> _blocks = [];
    private readonly HashSet<Guid> _blockedBy = [];
    private readonly HashSet<Guid> _revokedDevices = [];
    private bool _open;
    private DateTimeOffset? _tokensValidFrom;
    private Task? _loaded;
    private double _chatTokens = double.NaN;
    private DateTimeOffset _chatRefilledAt;

    private Guid UserId => this.GetPrimaryKey();

    /// <summary>Reads standing and blocks once; a failed read is tried again by the next call.</summary>
    private Task Loaded()
    {
        if (_loaded is { IsFaulted: true } or { IsCanceled: true }) _loaded = null;
        return _loaded ??= Load();

        async Task Load()
        {
            _open = await standing.IsOpenAsync(UserId);
            _tokensValidFrom = await standing.TokensValidFromAsync(UserId);
            _revokedDevices.UnionWith(await devices.RevokedSinceAsync(UserId, clock.GetUtcNow() - IDeviceRevocations.Window));
            var (blocks, blockedBy) = await blockStore.LoadAsync(UserId);
            _blocks.Clear();
            _blocks.AddRange(blocks);
            _blockedBy.Clear();
            _blockedBy.UnionWith(blockedBy);
        }
    }

    public async Task<bool> IsOpen()
    {
        await Loaded();
        // An id that names no open account (a profile look-up of a random id, say) keeps no activation once answered.
        if (!_open && _watchers.Count == 0) DeactivateOnIdle();
        return _open;
    }

    public async Task Close()
    {
        await Loaded();
        _open = false;
        _watchers.Notify(watcher => { _ = watcher.AccountClosed(UserId); });
    }

    public async Task Reload()
    {
        await Loaded();
        _open = await standing.IsOpenAsync(UserId);
    }

    public async Task<bool> Accepts(DateTimeOffset issuedAt)
    {
        // The issue time is to the millisecond (TokenIssuer): a token from before the sign-out is refused, one after it
        // passes, and so does one from the very millisecond of it (the sign-out's time is finer).
        return await IsOpen() && (_tokensValidFrom is not { } from || issuedAt >= DateTimeOffset.FromUnixTimeMilliseconds(from.ToUnixTimeMilliseconds()));
    }

    public async Task SignOutEverywhere()
    {
        await Loaded();
        _tokensValidFrom = await standing.TokensValidFromAsync(UserId);
        _watchers.Notify(watcher => { _ = watcher.AccountClosed(UserId); });
    }

    public async Task<bool> AcceptsFromDevice(DateTimeOffset issuedAt, Guid deviceId) =>
        await Accepts(issuedAt) && !_revokedDevices.Contains(deviceId);

    public async Task SignOutDevices(IReadOnlyList<Guid> deviceIds)
    {
        await Loaded();
        _revokedDevices.UnionWith(deviceIds);
        _watchers.Notify(watcher => { _ = watcher.DevicesSignedOut(UserId, deviceIds); });
    }

    public Task Watch(IAccountObserver observer)
    {
        _watchers.Subscribe(observer, observer);
        return Task.CompletedTask;
    }

    public Task<IReadOnlySet<Guid>> Renew(IAccountObserver observer)
    {
        _watchers.Subscribe(observer, observer);
        return Hidden();
    }

    public Task PromotedFromWaitlist(SessionSnapshot session)
    {
        _watchers.Notify(watcher => { _ = watcher.PromotedFromWaitlist(UserId, session); });
        return Task.CompletedTask;
    }

    public Task WaitlistPositionChanged(Guid sessionId, int position)
    {
        _watchers.Notify(watcher => { _ = watcher.WaitlistPositionChanged(UserId, sessionId, position); });
        return Task.CompletedTask;
    }

    public Task Notified(Notification notification)
    {
        _watchers.Notify(watcher => { _ = watcher.Notified(notification); });
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
        await Loaded();
        if (!_blocks.Contains(otherId))
        {
            await blockStore.AddAsync(UserId, otherId);
            _blocks.Add(otherId);
            await GrainFactory.GetGrain<IAccountGrain>(otherId).BlockedBy(UserId, blocked: true);
        }
        // After both accounts know: a follow written meanwhile was checked against them too (FollowEndpoints), so none survives.
        await GrainFactory.GetGrain<IUserGrain>(UserId).SetFollowing(otherId, false);
        await GrainFactory.GetGrain<IUserGrain>(otherId).SetFollowing(UserId, false);
    }

    public async Task Unblock(Guid otherId)
    {
        await Loaded();
        if (!_blocks.Contains(otherId)) return;
        await blockStore.RemoveAsync(UserId, otherId);
        _blocks.Remove(otherId);
        await GrainFactory.GetGrain<IAccountGrain>(otherId).BlockedBy(UserId, blocked: false);
    }

    public async Task<IReadOnlyList<Guid>> Blocks()
    {
        await Loaded();
        return [.. _blocks];
    }

    public async Task<bool> IsBlocking(Guid otherId)
    {
        await Loaded();
        return _blocks.Contains(otherId);
    }

    public async Task<IReadOnlySet<Guid>> Hidden()
    {
        await Loaded();
        return new HashSet<Guid>(_blocks.Concat(_blockedBy));
    }

    public async Task<bool> Hides(Guid otherId)
    {
        await Loaded();
        return _blocks.Contains(otherId) || _blockedBy.Contains(otherId);
    }

    public async Task BlockedBy(Guid otherId, bool blocked)
    {
        await Loaded();
        if (blocked) _blockedBy.Add(otherId);
        else _blockedBy.Remove(otherId);
    }
}
