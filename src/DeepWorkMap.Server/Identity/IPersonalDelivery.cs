using DeepWorkMap.Contracts.Api;
using DeepWorkMap.Contracts.Sessions;
using DeepWorkMap.Contracts.Users;

namespace DeepWorkMap.Server.Identity;

/// <summary>
/// What reaches one user's own connections on this front door, wherever the session or inbox that caused it lives: a
/// seat from the waitlist, a new place in line, a notification. <see cref="AccountGuard"/> knows the connections; the
/// realtime feature carries the events over the hub (so Identity depends on no feature).
/// </summary>
public interface IPersonalDelivery
{
    Task PromotedFromWaitlistAsync(IReadOnlyList<string> connectionIds, SessionSnapshot session);

    Task WaitlistPositionChangedAsync(IReadOnlyList<string> connectionIds, WaitlistPositionChangedEvent moved);

    Task NotificationAsync(IReadOnlyList<string> connectionIds, Notification notification);
}
