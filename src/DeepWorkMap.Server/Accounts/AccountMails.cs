using System.Net;
using DeepWorkMap.Server.Email;
using DeepWorkMap.Server.Web;

namespace DeepWorkMap.Server.Accounts;

/// <summary>The mails of the account's life: verify the address, reset the password, the password was changed.</summary>
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
        "Nobody at DeepWork Map will ever ask you for your password.");

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
