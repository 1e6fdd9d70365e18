using System.ComponentModel.DataAnnotations;

namespace DeepWorkMap.Server.Realtime;

/// <summary>The <c>Realtime</c> section: the hub's registrations with the grains, and its caps per user and connection (0 turns a cap off).</summary>
public sealed class RealtimeOptions
{
    public const string Section = "Realtime";

    /// <summary>
    /// How often a front door renews its registrations with the grains its clients watch. Registrations
    /// expire after 30 s (<c>ObserverLease</c>), so this must stay well below that.
    /// </summary>
    [Range(0.1, 20)] public double RenewSeconds { get; set; } = 5;

    /// <summary>Hub connections one user may hold at once on one front door.</summary>
    [Range(0, int.MaxValue)] public int HubConnectionsPerUser { get; set; } = 10;

    /// <summary><c>WatchArea</c> and <c>WatchView</c> calls per minute on one hub connection.</summary>
    [Range(0, int.MaxValue)] public int MapWatchesPerConnectionPerMinute { get; set; } = 120;
}
