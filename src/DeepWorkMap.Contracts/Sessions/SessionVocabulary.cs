namespace DeepWorkMap.Contracts.Sessions;

/// <summary>API.md's session types, statuses and roles, spelled as on the wire.</summary>
public static class SessionTypes
{
    public const string Silent = "silent";
    public const string Discussion = "discussion";
    public const string ExamPrep = "exam-prep";

    public static readonly IReadOnlySet<string> All = new HashSet<string>(StringComparer.Ordinal) { Silent, Discussion, ExamPrep };
}

public static class SessionStatuses
{
    public const string StartingSoon = "starting-soon";
    public const string Live = "live";
    public const string Finished = "finished";
}

public static class ParticipantRoles
{
    public const string Host = "host";
    public const string Participant = "participant";
}

/// <summary>The error codes a session grain answers with (API.md's <c>code</c>).</summary>
public static class SessionErrors
{
    public const string NotFound = "not_found";
    public const string SessionFull = "session_full";
    public const string SessionFinished = "session_finished";
    public const string HostCannotLeave = "host_cannot_leave";
    public const string NotHost = "not_host";
    public const string AlreadyExists = "already_exists";
    public const string NotParticipant = "not_participant";
}
