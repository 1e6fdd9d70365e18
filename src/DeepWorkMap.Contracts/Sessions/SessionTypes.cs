namespace DeepWorkMap.Contracts.Sessions;

/// <summary>docs/api.md's session types, statuses and roles, spelled as on the wire.</summary>
public static class SessionTypes
{
    public const string Silent = "silent";
    public const string Discussion = "discussion";
    public const string ExamPrep = "exam-prep";

    public static readonly IReadOnlySet<string> All = new HashSet<string>(StringComparer.Ordinal) { Silent, Discussion, ExamPrep };
}
