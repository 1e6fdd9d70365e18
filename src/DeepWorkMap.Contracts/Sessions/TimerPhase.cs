namespace DeepWorkMap.Contracts.Sessions;

/// <summary>
/// Where a session's timer stands at one instant: <see cref="Kind"/> is focus, break or done; <see cref="Index"/> counts
/// phases from 0; <see cref="StartsAt"/> and <see cref="EndsAt"/> are wall-clock times as things stand (a pause moves
/// the end on while it lasts); <see cref="PausedAt"/> is when the host paused it, while paused: the time left is then
/// <see cref="EndsAt"/> − <see cref="PausedAt"/>, held still.
/// </summary>
[GenerateSerializer, Immutable, Alias("DeepWorkMap.TimerPhase")]
public sealed record TimerPhase(
    [property: Id(0)] string Kind,
    [property: Id(1)] int Index,
    [property: Id(2)] DateTimeOffset StartsAt,
    [property: Id(3)] DateTimeOffset? EndsAt,
    [property: Id(4)] DateTimeOffset? PausedAt)
{
    public const string Focus = "focus";
    public const string Break = "break";
    public const string Done = "done";
}
