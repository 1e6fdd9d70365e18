using System.Collections.Concurrent;
using DeepWorkMap.Contracts.Users;
using DeepWorkMap.Grains.Users;

namespace DeepWorkMap.Server.Notifications;

/// <summary>Embedded mode's preferences, gone when the process ends.</summary>
public sealed class InMemoryPreferencesStore : IPreferencesStore
{
    private readonly ConcurrentDictionary<Guid, (UserPreferences Preferences, string? FeedToken)> _rows = new();

    public Task<(UserPreferences Preferences, string? FeedToken)> LoadAsync(Guid userId, CancellationToken cancellationToken = default) =>
        Task.FromResult(_rows.GetValueOrDefault(userId, (UserPreferences.Default, null)));

    public Task SaveAsync(Guid userId, UserPreferences preferences, CancellationToken cancellationToken = default)
    {
        _rows.AddOrUpdate(userId, (preferences, null), (_, row) => (preferences, row.FeedToken));
        return Task.CompletedTask;
    }

    public Task SaveFeedTokenAsync(Guid userId, string token, CancellationToken cancellationToken = default)
    {
        _rows.AddOrUpdate(userId, (UserPreferences.Default, token), (_, row) => (row.Preferences, token));
        return Task.CompletedTask;
    }

    public Task<Guid?> FeedOwnerAsync(string token, CancellationToken cancellationToken = default) =>
        Task.FromResult<Guid?>(_rows.FirstOrDefault(row => row.Value.FeedToken == token).Key is var owner && owner != Guid.Empty ? owner : null);
}
