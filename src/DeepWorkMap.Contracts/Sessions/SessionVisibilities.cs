namespace DeepWorkMap.Contracts.Sessions;

/// <summary>Who can find a session: anyone (on the map and in search), or only those with its invite code.</summary>
public static class SessionVisibilities
{
    public const string Public = "public";
    public const string Private = "private";

    public static readonly IReadOnlySet<string> All = new HashSet<string>(StringComparer.Ordinal) { Public, Private };
}
