using System.Net.Mail;
using System.Text;
using System.Text.RegularExpressions;
using DeepWorkMap.Server.Http;

namespace DeepWorkMap.Server.Accounts;

/// <summary>docs/api.md's validation rules for accounts; each method adds its field's messages to <c>errors</c>.</summary>
public static partial class AccountRules
{
    /// <summary>Said for an empty password wherever one is asked for: signing up, signing in, closing the account.</summary>
    public const string PasswordRequired = "Password is required.";

    /// <summary>Said for a mailed link's missing token, wherever one is confirmed.</summary>
    public const string LinkTokenRequired = "This link is incomplete: open it from the mail again, whole, or ask for a new one.";

    [GeneratedRegex("^[A-Za-z0-9_.-]{3,50}$")]
    private static partial Regex UsernamePattern();

    public static string? Email(string? value, Dictionary<string, string[]> errors)
    {
        var email = value?.Trim();
        if (string.IsNullOrEmpty(email)) return Fail(errors, "email", "Email is required.");
        if (email.Length > 255) return Fail(errors, "email", "Email must be at most 255 characters.");
        if (!MailAddress.TryCreate(email, out var parsed) || parsed.Address != email || !email.Contains('.', StringComparison.Ordinal))
            return Fail(errors, "email", "Email must be a valid address.");
        return email;
    }

    public static string? Username(string? value, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrEmpty(value)) return Fail(errors, "username", "Username is required.");
        if (!UsernamePattern().IsMatch(value) || !value.Any(char.IsAsciiLetterOrDigit))
            return Fail(errors, "username", "Username must be 3-50 characters of letters, digits, '_', '.' or '-', with at least one letter or digit.");
        return value;
    }

    /// <summary>
    /// What a login names: an email or a username, trimmed. Neither holds control characters, and PostgreSQL refuses
    /// to compare text holding NUL, so such a login is the caller's mistake (400), not the database's (503).
    /// </summary>
    public static string? Login(string? value, Dictionary<string, string[]> errors)
    {
        var login = value?.Trim();
        if (string.IsNullOrEmpty(login)) return Fail(errors, "login", "Login (email or username) is required.");
        if (login.Any(char.IsControl)) return Fail(errors, "login", "Login must be an email or a username, without control characters.");
        return login;
    }

    public static string? DisplayName(string? value, Dictionary<string, string[]> errors)
    {
        var name = value?.Trim();
        if (string.IsNullOrEmpty(name)) return Fail(errors, "displayName", "Display name is required.");
        if (name.Length > 100) return Fail(errors, "displayName", "Display name must be at most 100 characters.");
        if (!UserText.IsAcceptableName(name)) return Fail(errors, "displayName", $"Display name {UserText.NameRule}.");
        return name;
    }

    /// <summary>The password as it is hashed: NFKC-normalized, so the same password typed on another keyboard or system matches.</summary>
    public static string? Password(string? value, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrEmpty(value)) return Fail(errors, "password", PasswordRequired);
        var password = Normalized(value);
        if (password.Length is < 8 or > 128) return Fail(errors, "password", "Password must be 8-128 characters.");
        if (string.IsNullOrWhiteSpace(password)) return Fail(errors, "password", "Password must not be only spaces.");
        if (CommonPasswords.IsCommon(password)) return Fail(errors, "password", "That password is among the most common ones; choose another.");
        return password;
    }

    /// <summary>Unicode compatibility normalization (NFKC): composed and decomposed accents, full-width digits and the like compare equal.</summary>
    public static string Normalized(string password) => password.IsNormalized(NormalizationForm.FormKC) ? password : password.Normalize(NormalizationForm.FormKC);

    /// <summary>An absolute http(s) URL of at most 500 characters, without control characters (NUL); null clears the avatar.</summary>
    public static bool AvatarUrl(string? value, Dictionary<string, string[]> errors)
    {
        if (value is null) return true;
        if (value.Length > 500 || value.Any(char.IsControl) || !Uri.TryCreate(value, UriKind.Absolute, out var uri)
            || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            Fail(errors, "avatarUrl", "Avatar URL must be an absolute http(s) URL of at most 500 characters, without control characters.");
            return false;
        }
        return true;
    }

    private static string? Fail(Dictionary<string, string[]> errors, string field, string message)
    {
        errors[field] = [message];
        return null;
    }
}
