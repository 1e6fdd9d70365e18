namespace DeepWorkMap.Contracts.Sessions;

/// <summary>The answer to a command: the session afterwards, or the error code that refused it.</summary>
[GenerateSerializer, Immutable, Alias("DeepWorkMap.SessionOutcome")]
public sealed record SessionOutcome(
    [property: Id(0)] SessionSnapshot? Session,
    [property: Id(1)] string? Error)
{
    public static SessionOutcome Ok(SessionSnapshot session) => new(session, null);
    public static SessionOutcome Fail(string error, SessionSnapshot? session = null) => new(session, error);
}
