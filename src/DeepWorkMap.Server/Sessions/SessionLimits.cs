using System.ComponentModel.DataAnnotations;

namespace DeepWorkMap.Server.Sessions;

/// <summary>
/// The <c>Sessions</c> section: the caps that keep one client or account from crowding out everyone else in searching,
/// hosting and joining. Each is turned off by 0 (load tests and benchmarks do). Rates are counted per front door.
/// </summary>
public sealed class SessionLimits
{
    public const string Section = "Sessions";

    /// <summary>Nearby searches per minute from one address without a token; signed-in searches have their own cap.</summary>
    [Range(0, int.MaxValue)] public int AnonymousSearchesPerAddressPerMinute { get; set; } = 60;

    /// <summary>Nearby, in-view and in-area searches per minute by one signed-in user.</summary>
    [Range(0, int.MaxValue)] public int SearchesPerUserPerMinute { get; set; } = 240;

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
}
