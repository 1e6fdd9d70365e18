using System.ComponentModel.DataAnnotations;

namespace DeepWorkMap.Server.Hosting;

/// <summary>
/// The <c>Limits</c> section: caps that keep one client or account from crowding out everyone else. Each is
/// turned off by 0 (load tests and benchmarks do). Rates are counted per front door.
/// </summary>
public sealed class Limits
{
    public const string Section = "Limits";

    /// <summary>Nearby searches per minute from one address without a token; signed-in searches have their own cap.</summary>
    [Range(0, int.MaxValue)] public int AnonymousSearchesPerAddressPerMinute { get; set; } = 60;

    /// <summary>Accounts registered per hour from one address.</summary>
    [Range(0, int.MaxValue)] public int SignupsPerAddressPerHour { get; set; } = 20;

    /// <summary>Sessions one user may create per hour.</summary>
    [Range(0, int.MaxValue)] public int SessionsCreatedPerHostPerHour { get; set; } = 20;

    /// <summary>Sessions one user may host at once that have not finished.</summary>
    [Range(0, int.MaxValue)] public int ActiveSessionsPerHost { get; set; } = 10;

    /// <summary>Weekly series one user may host at once with an occurrence still to come (their occurrences do not count as sessions above).</summary>
    [Range(0, int.MaxValue)] public int ActiveSeriesPerHost { get; set; } = 3;

    /// <summary>
    /// Unfinished sessions one user may hold a seat or a place in line in at once (hosting them does not count); the
    /// session grains enforce it (<see cref="DeepWorkMap.Grains.Sessions.ParticipationLimits"/>).
    /// </summary>
    [Range(0, int.MaxValue)] public int ActiveJoinsPerUser { get; set; } = 20;

    /// <summary>Reports one user may file per hour.</summary>
    [Range(0, int.MaxValue)] public int ReportsPerUserPerHour { get; set; } = 10;

    /// <summary>Hub connections one user may hold at once on one front door.</summary>
    [Range(0, int.MaxValue)] public int HubConnectionsPerUser { get; set; } = 10;

    /// <summary>Nearby, in-view and in-area searches per minute by one signed-in user.</summary>
    [Range(0, int.MaxValue)] public int SearchesPerUserPerMinute { get; set; } = 240;

    /// <summary><c>WatchArea</c> and <c>WatchView</c> calls per minute on one hub connection.</summary>
    [Range(0, int.MaxValue)] public int MapWatchesPerConnectionPerMinute { get; set; } = 120;
}
