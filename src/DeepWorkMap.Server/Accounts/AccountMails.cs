using System.Net;
using DeepWorkMap.Server.Email;
using DeepWorkMap.Server.Web;
using DeepWorkMap.Server.Identity;

namespace DeepWorkMap.Server.Accounts;

/// <summary>
/// The mails of the account's life: verify the address, reset or change the password, change the address and take it back.
/// A mail to an address nobody proved greets nobody by name: the name is whatever the sender of the request typed, and it
/// would reach a stranger's inbox in our words.
/// </summary>
public sealed class AccountMails(PublicLinks links)
{
    private const string NeverAsked = "Nobody at DeepWork Map will ever ask you for your password.";

    public OutgoingMail VerifyEmail(UserAccount account, string token) => Mail(account, "Confirm your email address for DeepWork Map",
        "Confirm that this address is yours, so you can host sessions and follow hosts:", links.VerifyEmail(token),
        "The link works once, for 24 hours. If you did not sign up, ignore this mail.", greetByName: false);

    public OutgoingMail PasswordReset(UserAccount account, string token) => Mail(account, "Reset your DeepWork Map password",
        "Someone (we hope you) asked to reset the password of your account. Choose a new one here:", links.PasswordReset(token),
        $"The link works once, for 30 minutes. Your username is {account.Username}: you sign in with it or with this address. " +
        "If you did not ask, ignore this mail: your password stays as it is.");

    public OutgoingMail PasswordChanged(UserAccount account) => Mail(account, "Your DeepWork Map password was changed",
        "The password of your account was just reset, and every device was signed out. If this was not you, reset it again at once:", links.Base.AbsoluteUri,
        $"{NewFeedAddress} {NeverAsked}");

    public OutgoingMail PasswordChangedByOwner(UserAccount account) => Mail(account, "Your DeepWork Map password was changed",
        "The password of your account was just changed, and every other device was signed out. If this was not you, reset it at once:",
        links.Base.AbsoluteUri, NeverAsked);

    /// <summary>To the new address: the link that makes it the account's.</summary>
    public OutgoingMail ConfirmNewEmail(UserAccount account, string newEmail, string token) => Mail(account with { Email = newEmail },
        "Confirm your new email address for DeepWork Map",
        "You asked to use this address for your DeepWork Map account. It takes the place of the old one once you open this link:",
        links.VerifyEmail(token), "The link works once, for 24 hours. If you did not ask, ignore this mail: nothing changes.", greetByName: false);

    /// <summary>To the old address: someone with the password asked to move the account elsewhere.</summary>
    public OutgoingMail EmailChangeRequested(UserAccount account, string newEmail) => Mail(account, "Your DeepWork Map email address is being changed",
        $"Someone signed in to your account asked to change its address to {newEmail}. It changes once that address confirms. " +
        "If this was not you, change your password now: that cancels the change and signs out every other device. If you cannot " +
        "sign in any more, ask for a password reset on the page: until the change is confirmed, the link comes to this address.",
        links.Base.AbsoluteUri, "Until then, mail keeps coming to this address.");

    /// <summary>To the address the account left: the way back, should the change not be the owner's.</summary>
    public OutgoingMail EmailChanged(UserAccount before, string newEmail, string token) => Mail(before, "Your DeepWork Map email address was changed",
        $"The address of your DeepWork Map account is now {newEmail}: this one no longer signs in or gets its mail. If this was not " +
        "you, take your account back here. The link puts this address back, lets you choose a new password, and signs out every device:",
        links.UndoEmailChange(token),
        "The link works once, for 7 days, and until then nobody else can take this address. If the change was yours, there is nothing to do.");

    /// <summary>To the address an account was taken back to.</summary>
    public OutgoingMail EmailChangeUndone(UserAccount account) => Mail(account, "Your DeepWork Map account is back at this address",
        "Your account's address was changed back to this one, with a new password, and every device was signed out. If this was not " +
        "you, reset your password at once:", links.Base.AbsoluteUri, $"{NewFeedAddress} {NeverAsked}");

    private const string NewFeedAddress =
        "Your calendar feed has a new address too: a calendar app subscribed to the old one needs the new one, under Notifications.";

    /// <summary><paramref name="greetByName"/> unless said: whether the address the mail goes to is proven.</summary>
    private static OutgoingMail Mail(UserAccount account, string subject, string lead, string link, string footer, bool? greetByName = null)
    {
        var greeting = (greetByName ?? account.EmailVerifiedAt is not null) ? $"Hello {account.DisplayName}," : "Hello,";
        var text = $"{greeting}\n\n{lead}\n\n{link}\n\n{footer}\n";
        var html = $"""
            <p>{WebUtility.HtmlEncode(greeting)}</p>
            <p>{WebUtility.HtmlEncode(lead)}</p>
            <p><a href="{WebUtility.HtmlEncode(link)}">{WebUtility.HtmlEncode(link)}</a></p>
            <p>{WebUtility.HtmlEncode(footer)}</p>
            """;
        return new OutgoingMail(account.Email, subject, text, html);
    }
}
