using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace DeepWorkMap.Server.Identity;

/// <summary>
/// What a closed account leaves behind. Its unique columns hold placeholders instead of its email and username
/// (nothing that was the person's); no one can register a placeholder, and uniqueness holds among open accounts
/// only, so closing never waits on a name being free. Its own email and username are retired: kept only as
/// <see cref="UsernameKey"/> and <see cref="EmailKey"/> (a digest, not the address), so they are never given
/// out again.
/// </summary>
public static partial class ClosedAccount
{
    private const string PlaceholderDomain = "closed.invalid";

    public static (string Email, string Username) Placeholders(Guid id) => ($"closed-{id:N}@{PlaceholderDomain}", $"closed-{id:N}");

    [GeneratedRegex("^closed-[0-9a-f]{32}$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex PlaceholderUsername();

    /// <summary>A username of the form closed accounts show; nobody may register one.</summary>
    public static bool IsPlaceholderUsername(string username) => PlaceholderUsername().IsMatch(username);

    /// <summary>An address of the domain closed accounts' placeholders use (a reserved domain: no mail reaches it).</summary>
    public static bool IsPlaceholderEmail(string email) => email.EndsWith("@" + PlaceholderDomain, StringComparison.OrdinalIgnoreCase);

    /// <summary>How a retired username is kept: as it compares (usernames are public, and ASCII).</summary>
    public static string UsernameKey(string username) => username.ToLowerInvariant();

    /// <summary>How a retired email is kept: the SHA-256 of its lowercase form, in hex.</summary>
    public static string EmailKey(string email) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(email.Trim().ToLowerInvariant())));
}
