using DeepWorkMap.Server.Http;

namespace DeepWorkMap.Server.Moderation;

/// <summary>What can be reported, and why, spelled as on the wire.</summary>
public static class ReportVocabulary
{
    public static readonly IReadOnlySet<string> TargetTypes = new HashSet<string>(StringComparer.Ordinal) { "session", "message", "user" };

    public static readonly IReadOnlySet<string> Reasons = new HashSet<string>(StringComparer.Ordinal) { "spam", "harassment", "unsafe", "inappropriate", "other" };

    public const int MaxDetailsLength = 1000;

    /// <summary>A report's details or a moderator's resolution, trimmed (null when blank); false when too long or not plain text.</summary>
    public static bool TryReadNote(string? text, out string? note)
    {
        note = string.IsNullOrWhiteSpace(text) ? null : text.Trim();
        return note is null || (note.Length <= MaxDetailsLength && UserText.IsAcceptableText(note));
    }

    public static string NoteRule(string field) => $"{field} must be at most {MaxDetailsLength} characters, and {UserText.Rule}.";
}
