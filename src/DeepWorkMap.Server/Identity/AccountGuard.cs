using System.Collections.Concurrent;
using DeepWorkMap.Contracts.Accounts;
using DeepWorkMap.Contracts.Api;
using DeepWorkMap.Contracts.Sessions;
using DeepWorkMap.Contracts.Users;
using Microsoft.AspNetCore.SignalR;

namespace DeepWorkMap.Server.Identity;

/// <summary>
/// This front door's check that a token's account is still open, on every authenticated request and hub
/// connection, and its ear for accounts closed elsewhere: it registers with the account grain of each user
/// holding a hub connection here, and drops their connections the moment the account is closed. For the same
/// users it keeps whose messages they do not see (blocks, both ways), renewed with the registrations and at
/// once when a block is made through this front door.
/// </summary>
public sealed partial class AccountGuard(IGrainFactory grains, AccountGrains accountGrains, IPersonalDelivery personal, ILogger<AccountGuard> logger) : IAccountObserver
{
    private readonly ConcurrentDictionary<Guid, ConcurrentDictionary<string, HubCallerContext>> _connections = new();
    private readonly ConcurrentDictionary<Guid, IReadOnlySet<Guid>> _hidden = new();
    private readonly Lock _hiddenGate = new();

    /// <summary>How many users connected here hide someone: read on every relayed message, so kept as a count.</summary>
    private int _usersWhoHide;
    private IAccountObserver? _reference;

    /// <summary>
    /// The reference grains call back on; made once, and this singleton keeps it alive. Read before the initializer, whose
    /// delegate was otherwise made on every read (every chat send and renewal passes the reference).
    /// </summary>
    private IAccountObserver Reference =>
        Volatile.Read(ref _reference) ?? LazyInitializer.EnsureInitialized(ref _reference, () => grains.CreateObjectReference<IAccountObserver>(this));

    public Task<bool> IsOpenAsync(Guid userId) => accountGrains.Get(userId).IsOpen();

    /// <summary>
    /// Whether a token of <paramref name="userId"/> issued at <paramref name="issuedAt"/> to <paramref name="deviceId"/> may
    /// still act: open account, not signed out everywhere since, and its device not signed out. A token from before devices
    /// (none named) is judged by the first two.
    /// </summary>
    public async Task<bool> AcceptsAsync(Guid userId, DateTimeOffset issuedAt, Guid? deviceId)
    {
        var account = accountGrains.Get(userId);
        try
        {
            return deviceId is { } device ? await account.AcceptsFromDevice(issuedAt, device) : await account.Accepts(issuedAt);
        }
        catch (TypeLoadException)
        {
            // During a rolling upgrade the account's grain may live on a silo of the previous release, which has no
            // Accepts: it answers what every token was checked against before, whether the account is open. (A reset
            // cannot have happened there: its endpoint is new too.)
            return await account.IsOpen();
        }
    }

    /// <summary>
    /// Whether <paramref name="viewerId"/> may see <paramref name="userId"/> at all (profile, stats, follow): the account
    /// is open, and neither blocks the other. Otherwise the user is shown as if they did not exist.
    /// </summary>
    public async Task<bool> ShowsAsync(Guid? viewerId, Guid userId) =>
        await IsOpenAsync(userId) && (viewerId is not { } viewer || viewer == userId || !await accountGrains.Get(viewer).Hides(userId));

    /// <summary>
    /// A hub connection of <paramref name="userId"/> opened here: it is dropped if the account is closed or its device
    /// signed out. The last step of opening a connection, and false when that happened while it opened (a connection
    /// aborted before SignalR has finished opening it would stay open), so the hub refuses it instead.
    /// </summary>
    public async Task<bool> WatchAsync(Guid userId, HubCallerContext connection)
    {
        _connections.GetOrAdd(userId, _ => new ConcurrentDictionary<string, HubCallerContext>())[connection.ConnectionId] = connection;
        var account = accountGrains.Get(userId);
        await account.Watch(Reference);
        SetHidden(userId, await account.Hidden());
        return _connections.TryGetValue(userId, out var held) && held.ContainsKey(connection.ConnectionId)
            && await AcceptsAsync(userId, TokenIssuer.IssuedAt(connection.User!), TokenIssuer.DeviceOf(connection.User!));
    }

    /// <summary>Whether <paramref name="viewerId"/>, connected here, does not see messages of <paramref name="authorId"/>.</summary>
    public bool Hides(Guid viewerId, Guid authorId) => _hidden.TryGetValue(viewerId, out var hidden) && hidden.Contains(authorId);

    /// <summary>Whether any user connected here hides anyone: most of the time none does, and relays skip the check.</summary>
    public bool AnyoneHides => Volatile.Read(ref _usersWhoHide) > 0;

    /// <summary>After a block or unblock: what the two users connected here see changes at once.</summary>
    public async Task RefreshAsync(params Guid[] userIds)
    {
        foreach (var userId in userIds.Where(_connections.ContainsKey))
            SetHidden(userId, await accountGrains.Get(userId).Hidden());
    }

    public void Forget(Guid userId, HubCallerContext connection)
    {
        if (!_connections.TryGetValue(userId, out var held)) return;
        held.TryRemove(connection.ConnectionId, out _);
        if (!held.IsEmpty || !_connections.TryRemove(new KeyValuePair<Guid, ConcurrentDictionary<string, HubCallerContext>>(userId, held))) return;
        SetHidden(userId, null);
        _ = UnwatchAsync(userId);
    }

    /// <summary>
    /// Keeps this front door's registrations alive while their users stay connected: those of the users <paramref name="due"/>
    /// picks now, one grain call each (<see cref="IAccountGrain.Renew"/>).
    /// </summary>
    public Task RenewAsync(Func<Guid, bool> due) => Task.WhenAll(_connections.Keys.Where(due).Select(async userId =>
    {
        try
        {
            var account = accountGrains.Get(userId);
            IReadOnlySet<Guid> hidden;
            try
            {
                hidden = await account.Renew(Reference);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // During a rolling upgrade the account's grain may live on a silo of the previous release, which has no Renew.
                // How that silo refuses the unknown call is its serializer's affair, so any failure falls back to the two
                // calls every release has (both retry-safe); if those fail too, the renewal fails as before.
                await account.Watch(Reference);
                hidden = await account.Hidden();
            }
            SetHidden(userId, hidden);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            LogRenewFailed(logger, userId, e);
        }
    }));

    private void SetHidden(Guid userId, IReadOnlySet<Guid>? hidden)
    {
        lock (_hiddenGate)
        {
            var before = _hidden.TryGetValue(userId, out var known) && known.Count > 0;
            if (hidden is null) _hidden.TryRemove(userId, out _);
            else _hidden[userId] = hidden;
            var after = hidden is { Count: > 0 };
            if (before != after) _usersWhoHide += after ? 1 : -1;
        }
    }

    public Task AccountClosed(Guid userId)
    {
        if (_connections.TryRemove(userId, out var held))
            foreach (var connection in held.Values) connection.Abort();
        return Task.CompletedTask;
    }

    public Task DevicesSignedOut(Guid userId, IReadOnlyList<Guid> deviceIds)
    {
        if (_connections.TryGetValue(userId, out var held))
            foreach (var connection in held.Values.Where(c => c.User is { } user && TokenIssuer.DeviceOf(user) is { } device && deviceIds.Contains(device)))
                connection.Abort();
        return Task.CompletedTask;
    }

    public Task PromotedFromWaitlist(Guid userId, SessionSnapshot session)
    {
        if (_connections.TryGetValue(userId, out var held) && !held.IsEmpty)
            _ = personal.PromotedFromWaitlistAsync([.. held.Keys], session);
        return Task.CompletedTask;
    }

    public Task WaitlistPositionChanged(Guid userId, Guid sessionId, int position)
    {
        if (_connections.TryGetValue(userId, out var held) && !held.IsEmpty)
            _ = personal.WaitlistPositionChangedAsync([.. held.Keys], new WaitlistPositionChangedEvent(sessionId, position));
        return Task.CompletedTask;
    }

    public Task Notified(Notification notification)
    {
        if (_connections.TryGetValue(notification.UserId, out var held) && !held.IsEmpty)
            _ = personal.NotificationAsync([.. held.Keys], notification);
        return Task.CompletedTask;
    }

    private async Task UnwatchAsync(Guid userId)
    {
        try
        {
            await accountGrains.Get(userId).Unwatch(Reference);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // The registration expires by itself.
            LogRenewFailed(logger, userId, e);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Renewing the account watch of user {UserId} failed; the next renewal retries")]
    private static partial void LogRenewFailed(ILogger logger, Guid userId, Exception exception);
}
