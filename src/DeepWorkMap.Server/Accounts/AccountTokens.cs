using System.Security.Cryptography;
using System.Text;

namespace DeepWorkMap.Server.Accounts;

/// <summary>
/// Single-use tokens mailed to an account's owner: 256 random bits, written in the link as base64url and kept only as their
/// SHA-256 (a token that cannot be guessed needs no slow hash), so a copy of the database opens no account.
/// </summary>
public static class AccountTokens
{
    public const string VerifyEmail = "verify_email";
    public const string PasswordReset = "password_reset";

    /// <summary>A link to a new address the owner asked to change to; its row's email is the new address.</summary>
    public const string ChangeEmail = "change_email";

    /// <summary>
    /// A link to the address an account left, that puts it back with a new password (<see cref="EmailChangeUndo"/>); its
    /// row's email is that address. Nothing but its own use or its expiry ends it: not a reset, nor a password change.
    /// </summary>
    public const string UndoEmailChange = "undo_email_change";

    public static readonly TimeSpan VerifyEmailLifetime = TimeSpan.FromHours(24);

    /// <summary>How long the way back from an address change stays open, and the address left is held for the account.</summary>
    public static readonly TimeSpan UndoEmailChangeLifetime = TimeSpan.FromDays(7);
    public static readonly TimeSpan PasswordResetLifetime = TimeSpan.FromMinutes(30);

    public static (string Token, byte[] Hash) New()
    {
        var token = Base64Url(RandomNumberGenerator.GetBytes(32));
        return (token, Hash(token));
    }

    public static byte[] Hash(string token) => SHA256.HashData(Encoding.UTF8.GetBytes(token));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}

/// <summary>Whose token it was, and the address it was mailed to.</summary>
public sealed record AccountTokenOwner(Guid UserId, string Email);

/// <summary>The hashes of mailed tokens: PostgreSQL in cluster mode, memory in embedded mode.</summary>
public interface IAccountTokenStore
{
    Task AddAsync(byte[] hash, Guid userId, string purpose, string email, DateTimeOffset now, DateTimeOffset expiresAt, CancellationToken cancellationToken = default);

    /// <summary>
    /// Uses the token, once: its owner when it exists for <paramref name="purpose"/>, is unused and unexpired; then every
    /// other token of that purpose of the owner is used up with it. Null otherwise, whatever the reason.
    /// </summary>
    Task<AccountTokenOwner?> UseAsync(byte[] hash, string purpose, DateTimeOffset now, CancellationToken cancellationToken = default);

    /// <summary>
    /// Uses the token, once, as <see cref="UseAsync"/>, but uses up with it only the owner's tokens of that purpose issued
    /// after it: an earlier one stays good. The way back from address changes (<see cref="EmailChangeUndo"/>): the oldest
    /// link wins, so whoever made the later changes cannot close the owner's way back with a link of their own.
    /// </summary>
    Task<AccountTokenOwner?> UseKeepingEarlierAsync(byte[] hash, string purpose, DateTimeOffset now, CancellationToken cancellationToken = default);

    /// <summary>Uses up every unused token of <paramref name="purpose"/> of the account: a password change cancels a pending address change.</summary>
    Task CancelAsync(Guid userId, string purpose, DateTimeOffset now, CancellationToken cancellationToken = default);

    /// <summary>How many tokens of <paramref name="purpose"/> the account was sent since <paramref name="since"/>: the per-account mail cap.</summary>
    Task<int> CountIssuedSinceAsync(Guid userId, string purpose, DateTimeOffset since, CancellationToken cancellationToken = default);
}
