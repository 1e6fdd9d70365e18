using System.ComponentModel.DataAnnotations;

namespace DeepWorkMap.Server.Realtime;

/// <summary>The <c>Realtime</c> section.</summary>
public sealed class RealtimeOptions
{
    public const string Section = "Realtime";

    /// <summary>
    /// How often a front door renews its registrations with the grains its clients watch. Registrations
    /// expire after 30 s (<c>ObserverLease</c>), so this must stay well below that.
    /// </summary>
    [Range(0.1, 20)] public double RenewSeconds { get; set; } = 5;
}
