using DeepWorkMap.Contracts.Users;

namespace DeepWorkMap.Grains.Users;

/// <summary>The <c>user_preferences</c> table; a user without a row has <see cref="UserPreferences.Default"/>.</summary>
public interface IPreferencesStore
{
    Task<(UserPreferences Preferences, string? FeedToken)> LoadAsync(Guid userId, CancellationToken cancellationToken = default);

    Task SaveAsync(Guid userId, UserPreferences preferences, CancellationToken cancellationToken = default);

    Task SaveFeedTokenAsync(Guid userId, string token, CancellationToken cancellationToken = default);

    /// <summary>Whose calendar feed <paramref name="token"/> opens, if anyone's.</summary>
    Task<Guid?> FeedOwnerAsync(string token, CancellationToken cancellationToken = default);
}
