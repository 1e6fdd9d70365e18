namespace DeepWorkMap.Contracts.Sessions;

/// <summary>
/// A participant's presence, as on the wire. Clients report only whether a connection is active or away (its tab
/// hidden a while); the session works out the rest: online, or focusing / break while its timer runs, away when every
/// connection holding the session is away, offline when none holds it.
/// </summary>
public static class PresenceStates
{
    public const string Online = "online";
    public const string Focusing = "focusing";
    public const string Break = "break";
    public const string Away = "away";
    public const string Offline = "offline";

    /// <summary>What a client reports of one connection.</summary>
    public const string Active = "active";

    public static readonly IReadOnlySet<string> Reported = new HashSet<string>(StringComparer.Ordinal) { Active, Away };
}
