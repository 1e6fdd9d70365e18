namespace DeepWorkMap.Server.Hosting;

/// <summary>
/// What one process of the app does (<c>Role</c>, e.g. <c>--Role frontdoor</c>): by default both; <c>silo</c> hosts the
/// grains and serves only its health; <c>frontdoor</c> serves the REST API, the hub and the page as an Orleans client
/// of the silos (found through Redis) and hosts no grains, so the real-time tier grows apart from the grains'.
/// </summary>
public static class HostRoles
{
    public const string All = "all";
    public const string Silo = "silo";
    public const string FrontDoor = "frontdoor";

    public static readonly IReadOnlySet<string> Known = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { All, Silo, FrontDoor };
}
