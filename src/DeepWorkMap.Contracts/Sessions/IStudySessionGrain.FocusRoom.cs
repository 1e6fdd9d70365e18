namespace DeepWorkMap.Contracts.Sessions;

/// <summary>The focus room: the shared timer and each participant's goal.</summary>
public partial interface IStudySessionGrain
{
    /// <summary>The host sets (or, with null, removes) the shared timer's plan, until the session ends; it starts over from the session's start.</summary>
    [Alias("SetTimer")] Task<SessionOutcome> SetTimer(Guid userId, TimerPlan? plan);

    /// <summary>The host pauses, resumes, or skips to the next phase of the timer (<see cref="TimerCommands"/>).</summary>
    [Alias("ControlTimer")] Task<SessionOutcome> ControlTimer(Guid userId, string command);

    /// <summary>A participant states (or, with null, drops) their goal for the session, or marks it done.</summary>
    [Alias("SetGoal")] Task<SessionOutcome> SetGoal(Guid userId, string? text, bool done);
}
