namespace DeepWorkMap.Grains.Live;

/// <summary>
/// How long a grain keeps pushing to a front door that stopped renewing its registration. Observers
/// are not fault tolerant (a front door can die silently), so registrations expire; a front door
/// renews well within this, and a renewal also tells it what it missed.
/// </summary>
public static class ObserverLease
{
    public static readonly TimeSpan Duration = TimeSpan.FromSeconds(30);
}
