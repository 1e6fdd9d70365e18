namespace DeepWorkMap.Server.Moderation;

/// <summary>
/// Who moderates, by account id (<c>moderators</c>): PostgreSQL in cluster mode, memory in embedded mode. The role
/// belongs to the account, never to its name, so a closed account's name passes nothing on to whoever takes it.
/// </summary>
public interface IModeratorStore
{
    Task<bool> IsModeratorAsync(Guid userId, CancellationToken cancellationToken = default);

    /// <summary>Makes the account a moderator; false when it already was.</summary>
    Task<bool> GrantAsync(Guid userId, DateTimeOffset now, CancellationToken cancellationToken = default);

    /// <summary>Takes the role back; false when the account was not a moderator.</summary>
    Task<bool> RevokeAsync(Guid userId, CancellationToken cancellationToken = default);

    /// <summary>The moderators and when each was granted the role, earliest first.</summary>
    Task<IReadOnlyList<(Guid UserId, DateTimeOffset GrantedAt)>> ListAsync(CancellationToken cancellationToken = default);
}
