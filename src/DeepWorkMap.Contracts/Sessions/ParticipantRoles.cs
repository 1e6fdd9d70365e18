namespace DeepWorkMap.Contracts.Sessions;

public static class ParticipantRoles
{
    public const string Host = "host";
    public const string Participant = "participant";
}
