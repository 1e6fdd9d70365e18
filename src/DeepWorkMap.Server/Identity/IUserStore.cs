namespace DeepWorkMap.Server.Identity;

public enum CreateUserOutcome { Created, EmailTaken, UsernameTaken }

public enum EmailChangeOutcome { Changed, EmailTaken, NoAccount }

/// <summary>Where accounts live: PostgreSQL in cluster mode, memory in embedded mode.</summary>
public interface IUserStore
{
    public const string ClosedDisplayName = "Deleted user";

    /// <summary>
    /// Inserts the account unless its email or username is taken by an open account (case-insensitively) or was
    /// retired by a closed one, or its email is held for another account (<see cref="ChangeEmailAsync"/>).
    /// </summary>
    Task<CreateUserOutcome> CreateAsync(UserAccount account, CancellationToken cancellationToken = default);

    /// <summary>Finds an open account by email when <paramref name="login"/> contains '@', else by username; case-insensitive.</summary>
    Task<UserAccount?> FindByLoginAsync(string login, CancellationToken cancellationToken = default);

    Task<UserAccount?> FindByIdAsync(Guid id, CancellationToken cancellationToken = default);

    Task<IReadOnlyDictionary<Guid, UserAccount>> FindManyAsync(IReadOnlyCollection<Guid> ids, CancellationToken cancellationToken = default);

    /// <summary>
    /// Closes the account: retires its email and username (<see cref="ClosedAccount"/>), erases them with its
    /// name, avatar and password in place (the row stays, so its sessions and messages keep an author, shown as
    /// <see cref="ClosedDisplayName"/>) and records when. Closing a closed account changes nothing.
    /// </summary>
    Task CloseAsync(Guid id, DateTimeOffset now, CancellationToken cancellationToken = default);

    /// <summary>A moderator suspends (or reinstates) the account; false when there is no such open account.</summary>
    Task<bool> SetSuspendedAsync(Guid id, bool suspended, DateTimeOffset now, CancellationToken cancellationToken = default);

    /// <summary>Saves a new display name and avatar; null when the user does not exist.</summary>
    Task<UserAccount?> UpdateProfileAsync(Guid id, string displayName, string? avatarUrl, DateTimeOffset now, CancellationToken cancellationToken = default);

    /// <summary>Records that the owner of <paramref name="email"/> proved it; false when the account is closed or its address changed since.</summary>
    Task<bool> MarkEmailVerifiedAsync(Guid id, string email, DateTimeOffset now, CancellationToken cancellationToken = default);

    /// <summary>
    /// Sets a new password hash on an open account; with <paramref name="refuseOlderTokens"/> (a reset) every bearer token issued
    /// before <paramref name="now"/> is refused too. Null when there is no such open account.
    /// </summary>
    Task<UserAccount?> SetPasswordAsync(Guid id, string passwordHash, DateTimeOffset now, bool refuseOlderTokens = true, CancellationToken cancellationToken = default);

    /// <summary>
    /// Gives an open account the address its owner just proved, as verified, unless an open or closed account has (had) it
    /// or it is held for another account. The address it leaves is held for it until <paramref name="holdLeftUntil"/> (null:
    /// not held): nobody else may take it, so the way back (<see cref="Accounts.EmailChangeUndo"/>) stays open.
    /// </summary>
    Task<EmailChangeOutcome> ChangeEmailAsync(Guid id, string email, DateTimeOffset now, DateTimeOffset? holdLeftUntil, CancellationToken cancellationToken = default);

    /// <summary>
    /// Whether the account may take <paramref name="email"/>: no other open account has it, no closed one had it, and it is
    /// not held for another account. An answer to ask before mailing; <see cref="ChangeEmailAsync"/> decides.
    /// </summary>
    Task<bool> IsEmailFreeForAsync(Guid id, string email, DateTimeOffset now, CancellationToken cancellationToken = default);
}
