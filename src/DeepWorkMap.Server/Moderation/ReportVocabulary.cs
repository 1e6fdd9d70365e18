namespace DeepWorkMap.Server.Moderation;

/// <summary>What can be reported, and why, spelled as on the wire.</summary>
public static class ReportVocabulary
{
    public static readonly IReadOnlySet<string> TargetTypes = new HashSet<string>(StringComparer.Ordinal) { "session", "message", "user" };

    public static readonly IReadOnlySet<string> Reasons = new HashSet<string>(StringComparer.Ordinal) { "spam", "harassment", "unsafe", "inappropriate", "other" };

    public const int MaxDetailsLength = 1000;
}
