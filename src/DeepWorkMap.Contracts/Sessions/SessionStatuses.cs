namespace DeepWorkMap.Contracts.Sessions;

public static class SessionStatuses
{
    public const string StartingSoon = "starting-soon";
    public const string Live = "live";
    public const string Finished = "finished";
}
