namespace DeepWorkMap.Contracts.Sessions;

public static class ParticipantRoles
{
    public const string Host = "host";
    public const string Participant = "participant";
    public const string Waitlisted = "waitlisted";

    /// <summary>A signed-in caller who neither takes part nor waits.</summary>
    public const string None = "none";
}
