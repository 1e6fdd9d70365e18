using System.Net;
using DeepWorkMap.Server.Email;
using DeepWorkMap.Server.Web;
using DeepWorkMap.Server.Identity;

namespace DeepWorkMap.Server.Accounts;

/// <summary>The mails of the account's life: verify the address, reset or change the password, change the address.</summary>
public sealed class AccountMails(PublicLinks links)
{
    public OutgoingMail VerifyEmail(UserAccount account, string token) => Mail(account, "Confirm your email address for DeepWork Map",
        "Confirm that this address is yours, so you can host sessions and follow hosts:", links.VerifyEmail(token),
        "The link works once, for 24 hours. If you did not sign up, ignore this mail.");

    public OutgoingMail PasswordReset(UserAccount account, string token) => Mail(account, "Reset your DeepWork Map password",
        "Someone (we hope you) asked to reset the password of your account. Choose a new one here:", links.PasswordReset(token),
        "The link works once, for 30 minutes. If you did not ask, ignore this mail: your password stays as it is.");

    public OutgoingMail PasswordChanged(UserAccount account) => Mail(account, "Your DeepWork Map password was changed",
        "The password of your account was just reset, and every device was signed out. If this was not you, reset it again at once:", links.Base.AbsoluteUri,
        "Your calendar feed has a new address too: a calendar app subscribed to the old one needs the new one, under Notifications. " +
        "Nobody at DeepWork Map will ever ask you for your password.");

    public OutgoingMail PasswordChangedByOwner(UserAccount account) => Mail(account, "Your DeepWork Map password was changed",
        "The password of your account was just changed, and every other device was signed out. If this was not you, reset it at once:",
        links.Base.AbsoluteUri, "Nobody at DeepWork Map will ever ask you for your password.");

    /// <summary>To the new address: the link that makes it the account's.</summary>
    public OutgoingMail ConfirmNewEmail(UserAccount account, string newEmail, string token) => Mail(account with { Email = newEmail },
        "Confirm your new email address for DeepWork Map",
        "You asked to use this address for your DeepWork Map account. It takes the place of the old one once you open this link:",
        links.VerifyEmail(token), "The link works once, for 24 hours. If you did not ask, ignore this mail: nothing changes.");

    /// <summary>To the old address: someone with the password asked to move the account elsewhere.</summary>
    public OutgoingMail EmailChangeRequested(UserAccount account, string newEmail) => Mail(account, "Your DeepWork Map email address is being changed",
        $"Someone signed in to your account asked to change its address to {newEmail}. It changes once that address confirms. " +
        "If this was not you, change your password now: that cancels the change and signs out every other device.",
        links.Base.AbsoluteUri, "Until then, mail keeps coming to this address.");

    private static OutgoingMail Mail(UserAccount account, string subject, string lead, string link, string footer)
    {
        var text = $"Hello {account.DisplayName},\n\n{lead}\n\n{link}\n\n{footer}\n";
        var html = $"""
            <p>Hello {WebUtility.HtmlEncode(account.DisplayName)},</p>
            <p>{WebUtility.HtmlEncode(lead)}</p>
            <p><a href="{WebUtility.HtmlEncode(link)}">{WebUtility.HtmlEncode(link)}</a></p>
            <p>{WebUtility.HtmlEncode(footer)}</p>
            """;
        return new OutgoingMail(account.Email, subject, text, html);
    }
}
