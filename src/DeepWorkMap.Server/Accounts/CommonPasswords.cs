namespace DeepWorkMap.Server.Accounts;

/// <summary>
/// Passwords of eight characters or more that lead every published list of leaked passwords: refused at
/// registration, since they are the first an attacker tries. Compared case-insensitively.
/// </summary>
public static class CommonPasswords
{
    private static readonly HashSet<string> Listed = new(StringComparer.OrdinalIgnoreCase)
    {
        "12345678", "123456789", "1234567890", "12345678910", "87654321", "11111111", "00000000", "88888888",
        "12121212", "11223344", "12341234", "123123123", "147258369", "987654321", "password", "password1",
        "password12", "password123", "passw0rd", "p@ssw0rd", "p@ssword", "qwertyui", "qwertyuiop", "qwerty123",
        "qwerty12", "qwe12345", "123qweasd", "1q2w3e4r", "1q2w3e4r5t", "q1w2e3r4", "1qaz2wsx", "zaq12wsx",
        "asdfghjk", "asdfghjkl", "zxcvbnm1", "abc12345", "abcd1234", "iloveyou", "iloveyou1", "sunshine",
        "princess", "football", "baseball", "welcome1", "welcome123", "admin123", "administrator", "letmein1",
        "superman", "trustno1", "starwars", "whatever", "computer", "internet", "michelle", "jennifer",
        "corvette", "mercedes", "changeme", "dragon12", "monkey12", "master12", "secret123", "football1",
        "aaaaaaaa", "deepworkmap", "deepwork",
    };

    /// <summary>Listed, or one character repeated.</summary>
    public static bool IsCommon(string password) =>
        Listed.Contains(password) || password.AsSpan().TrimStart(password[0]).IsEmpty;
}
