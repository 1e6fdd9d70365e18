using Microsoft.AspNetCore.Identity;
using DeepWorkMap.Server.Identity;

namespace DeepWorkMap.Server.Accounts;

/// <summary>Whether a typed password is an account's: at login, and before closing the account or changing its password or address.</summary>
public static class PasswordCheck
{
    // Verified against when the login names nobody, so an unknown user costs as much as a wrong password.
    private static readonly Lazy<string> DummyHash = new(() => new PasswordHasher<UserAccount>().HashPassword(null!, "not-a-real-password"));

    /// <summary>
    /// Whether <paramref name="password"/> is the account's. Passwords are hashed NFKC-normalized; one chosen before
    /// that, typed in another form, is tried as typed too. With no account, a dummy hash is verified the same way,
    /// so the answer takes as long whether or not the user exists.
    /// </summary>
    public static bool Verify(IPasswordHasher<UserAccount> hasher, UserAccount? account, string password)
    {
        var normalized = AccountRules.Normalized(password);
        string[] candidates = normalized == password ? [normalized] : [normalized, password];
        foreach (var candidate in candidates)
        {
            var verdict = hasher.VerifyHashedPassword(account!, account?.PasswordHash ?? DummyHash.Value, candidate);
            if (account is not null && verdict != PasswordVerificationResult.Failed) return true;
        }
        return false;
    }
}
