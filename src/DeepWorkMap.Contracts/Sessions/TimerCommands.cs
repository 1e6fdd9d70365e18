namespace DeepWorkMap.Contracts.Sessions;

/// <summary>What the host may do to a running timer, as on the wire (<c>POST …/timer/{command}</c>).</summary>
public static class TimerCommands
{
    public const string Pause = "pause";
    public const string Resume = "resume";
    public const string Skip = "skip";

    public static readonly IReadOnlySet<string> All = new HashSet<string>(StringComparer.Ordinal) { Pause, Resume, Skip };
}
