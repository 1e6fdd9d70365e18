using Microsoft.Extensions.Logging;
using Orleans.Utilities;

namespace DeepWorkMap.Grains.Live;

/// <summary>
/// Leased observer registrations (see <see cref="ObserverLease"/>) whose <see cref="ObserverManager{TObserver}"/> is made at
/// the first subscription. A silo holds one grain per session and most are watched by nobody: the manager, its dictionary
/// and its clock are ~130 bytes each, 13 MB at 100,000 sessions. A struct, so an unwatched grain pays one null reference:
/// keep it in a field that is not readonly, or each call would work on a copy and a subscription would be lost.
/// </summary>
public struct LeasedObservers<TObserver>(ILogger logger) where TObserver : IAddressable
{
    private ObserverManager<TObserver>? _manager;

    public void Subscribe(TObserver observer) => (_manager ??= new(ObserverLease.Duration, logger)).Subscribe(observer, observer);

    public readonly void Unsubscribe(TObserver observer) => _manager?.Unsubscribe(observer);

    /// <summary>Tells each live registration; one-way, so notifying never waits on a front door.</summary>
    public readonly void Notify(Action<TObserver> notification) => _manager?.Notify(notification);
}
