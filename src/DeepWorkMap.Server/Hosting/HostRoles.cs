namespace DeepWorkMap.Server.Hosting;

/// <summary>
/// What one process of the app does (<c>Role</c>, e.g. <c>--Role frontdoor</c>): by default both; <c>silo</c> hosts the
/// grains and serves only its health; <c>frontdoor</c> serves the REST API, the hub and the page as an Orleans client
/// of the silos (found through Redis) and hosts no grains, so the real-time tier grows apart from the grains'.
/// </summary>
public enum HostRole
{
    All,
    Silo,
    FrontDoor,
}

/// <summary>The roles as configuration spells them (any case, e.g. <c>frontdoor</c>).</summary>
public static class HostRoles
{
    public const string All = "all";
    public const string Silo = "silo";
    public const string FrontDoor = "frontdoor";

    private static readonly Dictionary<string, HostRole> ByName = new(StringComparer.OrdinalIgnoreCase)
    {
        [All] = HostRole.All,
        [Silo] = HostRole.Silo,
        [FrontDoor] = HostRole.FrontDoor,
    };

    public static IEnumerable<string> Known => ByName.Keys;

    /// <summary>The role a setting names, blanks around it ignored; null for a name that is none of <see cref="Known"/>.</summary>
    public static HostRole? Parse(string? name) => name is not null && ByName.TryGetValue(name.Trim(), out var role) ? role : null;

    public static string NameOf(HostRole role) => ByName.First(pair => pair.Value == role).Key;
}
