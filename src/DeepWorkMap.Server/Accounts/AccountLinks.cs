using DeepWorkMap.Grains;
using DeepWorkMap.Server.Email;
using Microsoft.Extensions.Options;
using DeepWorkMap.Server.Identity;

namespace DeepWorkMap.Server.Accounts;

/// <summary>
/// Mails single-use links (verification, password reset) to an account's owner: the token's hash is stored, the token
/// itself only goes into the mail. At most <c>Email:MailsPerAccountPerHour</c> of each kind per account, cluster-wide.
/// </summary>
public sealed partial class AccountLinks(
    IAccountTokenStore tokens, Mailer mailer, AccountMails mails, IOptions<EmailOptions> options, Clock clock, ILogger<AccountLinks> logger)
{
    /// <summary>Sends a verification link; false (nothing sent) when the account had its share this hour.</summary>
    public Task<bool> SendVerificationAsync(UserAccount account, CancellationToken cancellationToken = default) =>
        SendAsync(account, AccountTokens.VerifyEmail, AccountTokens.VerifyEmailLifetime, mails.VerifyEmail, cancellationToken);

    /// <summary>
    /// The verification mail of a new account: the account exists already, so a failure here must not fail the
    /// registration (a retry would meet <c>email_taken</c>); it is logged, and the owner asks for the link again.
    /// </summary>
    public async Task SendFirstVerificationAsync(UserAccount account, CancellationToken cancellationToken = default)
    {
        try
        {
            await SendVerificationAsync(account, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogFirstVerificationFailed(logger, account.Id, e);
        }
    }

    /// <summary>Sends a password reset link; false (nothing sent) when the account had its share this hour.</summary>
    public Task<bool> SendPasswordResetAsync(UserAccount account, CancellationToken cancellationToken = default) =>
        SendAsync(account, AccountTokens.PasswordReset, AccountTokens.PasswordResetLifetime, mails.PasswordReset, cancellationToken);

    /// <summary>
    /// Mails a link to <paramref name="newEmail"/> that makes it the account's address, and tells the current address; false
    /// (nothing sent) when the account had its share this hour.
    /// </summary>
    public async Task<bool> SendEmailChangeAsync(UserAccount account, string newEmail, CancellationToken cancellationToken = default)
    {
        if (!await SendAsync(account, AccountTokens.ChangeEmail, AccountTokens.VerifyEmailLifetime,
                (owner, token) => mails.ConfirmNewEmail(owner, newEmail, token), cancellationToken, tokenEmail: newEmail))
            return false;
        await mailer.SendAsync(mails.EmailChangeRequested(account, newEmail), cancellationToken);
        return true;
    }

    /// <summary>The token is stored for <paramref name="tokenEmail"/>, the account's own address unless said.</summary>
    private async Task<bool> SendAsync(
        UserAccount account, string purpose, TimeSpan lifetime, Func<UserAccount, string, OutgoingMail> mail, CancellationToken cancellationToken,
        string? tokenEmail = null)
    {
        var now = clock.GetUtcNow();
        if (await tokens.CountIssuedSinceAsync(account.Id, purpose, now - TimeSpan.FromHours(1), cancellationToken) >= options.Value.MailsPerAccountPerHour)
            return false;
        var (token, hash) = AccountTokens.New();
        await tokens.AddAsync(hash, account.Id, purpose, tokenEmail ?? account.Email, now, now + lifetime, cancellationToken);
        await mailer.SendAsync(mail(account, token), cancellationToken);
        return true;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The verification mail of new account {UserId} could not be queued; the owner can ask for it again")]
    private static partial void LogFirstVerificationFailed(ILogger logger, Guid userId, Exception exception);
}
