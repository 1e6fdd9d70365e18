namespace DeepWorkMap.Contracts.Sessions;

public static class SessionStatuses
{
    public const string StartingSoon = "starting-soon";
    public const string Live = "live";
    public const string Finished = "finished";

    /// <summary>The host called the session off before it went live; it never happened.</summary>
    public const string Cancelled = "cancelled";

    /// <summary>Finished or cancelled: off the map, closed to joins and to chat.</summary>
    public static bool IsOver(string status) => status is Finished or Cancelled;
}
