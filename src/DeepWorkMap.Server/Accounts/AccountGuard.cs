using System.Collections.Concurrent;
using DeepWorkMap.Contracts.Accounts;
using Microsoft.AspNetCore.SignalR;

namespace DeepWorkMap.Server.Accounts;

/// <summary>
/// This front door's check that a token's account is still open, on every authenticated request and hub
/// connection, and its ear for accounts closed elsewhere: it registers with the account grain of each user
/// holding a hub connection here, and drops their connections the moment the account is closed.
/// </summary>
public sealed partial class AccountGuard(IGrainFactory grains, ILogger<AccountGuard> logger) : IAccountObserver
{
    private readonly ConcurrentDictionary<Guid, ConcurrentDictionary<string, HubCallerContext>> _connections = new();
    private IAccountObserver? _reference;

    /// <summary>The reference grains call back on; made once, and this singleton keeps it alive.</summary>
    private IAccountObserver Reference =>
        LazyInitializer.EnsureInitialized(ref _reference, () => grains.CreateObjectReference<IAccountObserver>(this));

    public Task<bool> IsOpenAsync(Guid userId) => grains.GetGrain<IAccountGrain>(userId).IsOpen();

    /// <summary>A hub connection of <paramref name="userId"/> opened here: it is dropped if the account is closed.</summary>
    public async Task WatchAsync(Guid userId, HubCallerContext connection)
    {
        _connections.GetOrAdd(userId, _ => new ConcurrentDictionary<string, HubCallerContext>())[connection.ConnectionId] = connection;
        await grains.GetGrain<IAccountGrain>(userId).Watch(Reference);
    }

    public void Forget(Guid userId, HubCallerContext connection)
    {
        if (!_connections.TryGetValue(userId, out var held)) return;
        held.TryRemove(connection.ConnectionId, out _);
        if (!held.IsEmpty || !_connections.TryRemove(new KeyValuePair<Guid, ConcurrentDictionary<string, HubCallerContext>>(userId, held))) return;
        _ = UnwatchAsync(userId);
    }

    /// <summary>Keeps this front door's registrations alive while their users stay connected.</summary>
    public Task RenewAsync() => Task.WhenAll(_connections.Keys.Select(async userId =>
    {
        try
        {
            await grains.GetGrain<IAccountGrain>(userId).Watch(Reference);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            LogRenewFailed(logger, userId, e);
        }
    }));

    public Task AccountClosed(Guid userId)
    {
        if (_connections.TryRemove(userId, out var held))
            foreach (var connection in held.Values) connection.Abort();
        return Task.CompletedTask;
    }

    private async Task UnwatchAsync(Guid userId)
    {
        try
        {
            await grains.GetGrain<IAccountGrain>(userId).Unwatch(Reference);
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
