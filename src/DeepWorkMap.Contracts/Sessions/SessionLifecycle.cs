namespace DeepWorkMap.Contracts.Sessions;

/// <summary>Status is a function of the clock: starting-soon until start, live until the end, then finished.</summary>
public static class SessionLifecycle
{
    public static DateTimeOffset PlannedEnd(DateTimeOffset start, int durationMinutes) => start.AddMinutes(durationMinutes);

    public static string StatusAt(DateTimeOffset start, DateTimeOffset end, DateTimeOffset now) =>
        now >= end ? SessionStatuses.Finished
        : now >= start ? SessionStatuses.Live
        : SessionStatuses.StartingSoon;
}
