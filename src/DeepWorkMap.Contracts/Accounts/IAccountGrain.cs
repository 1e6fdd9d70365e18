using DeepWorkMap.Contracts.Sessions;
using DeepWorkMap.Contracts.Users;
using Orleans.Concurrency;

namespace DeepWorkMap.Contracts.Accounts;

/// <summary>
/// One account's standing (key: user id): whether its tokens may still act, and whom it blocks. One activation
/// in the cluster answers every front door, so closing an account takes effect on all of them at once.
/// </summary>
[Alias("DeepWorkMap.IAccountGrain")]
public interface IAccountGrain : IGrainWithGuidKey
{
    /// <summary>False once the account is closed (deleted), or when it never existed.</summary>
    [RetrySafe, Alias("IsOpen")] Task<bool> IsOpen();

    /// <summary>
    /// Called once the store has closed or suspended the account: refuses it from now on and tells the front
    /// doors holding its connections to drop them.
    /// </summary>
    [Alias("Close")] Task Close();

    /// <summary>Reads the account's standing from the store again: how a lifted suspension takes effect.</summary>
    [Alias("Reload")] Task Reload();

    /// <summary>Whether a bearer token of this account issued at <paramref name="issuedAt"/> may act: the account is open and the token is not older than the last sign-out everywhere.</summary>
    [RetrySafe, Alias("Accepts")] Task<bool> Accepts(DateTimeOffset issuedAt);

    /// <summary>
    /// Called once the store refuses the account's older tokens (a password reset): refuses them here too from now on, and
    /// tells the front doors holding its connections to drop them.
    /// </summary>
    [Alias("SignOutEverywhere")] Task SignOutEverywhere();

    /// <summary>
    /// Whether an access token of device <paramref name="deviceId"/> issued at <paramref name="issuedAt"/> may act: as
    /// <see cref="Accepts"/>, and the device is not signed out.
    /// </summary>
    [RetrySafe, Alias("AcceptsFromDevice")] Task<bool> AcceptsFromDevice(DateTimeOffset issuedAt, Guid deviceId);

    /// <summary>
    /// Called once the store has revoked these devices (sign-out of one, of all, a password change): refuses their access
    /// tokens here from now on, and tells the front doors holding their hub connections to drop them.
    /// </summary>
    [RetrySafe, Alias("SignOutDevices")] Task SignOutDevices(IReadOnlyList<Guid> deviceIds);

    /// <summary>
    /// Registers (or keeps alive) a front door with live connections of this account; registrations expire unless renewed.
    /// Registering twice is registering once.
    /// </summary>
    [RetrySafe, Alias("Watch")] Task Watch(IAccountObserver observer);

    /// <summary>
    /// <see cref="Watch"/> and <see cref="Hidden"/> in one call: what a front door renews for each user connected to it
    /// every few seconds, two thousand users' worth at a time on a busy one, so one grain call rather than two.
    /// </summary>
    [RetrySafe, Alias("Renew")] Task<IReadOnlySet<Guid>> Renew(IAccountObserver observer);

    /// <summary>Tells the front doors holding this user's connections that a session seated them from its waitlist.</summary>
    [OneWay, Alias("PromotedFromWaitlist")] Task PromotedFromWaitlist(SessionSnapshot session);

    /// <summary>Tells the front doors holding this user's connections that their place in a session's waitlist changed (1 is next).</summary>
    [OneWay, Alias("WaitlistPositionChanged")] Task WaitlistPositionChanged(Guid sessionId, int position);

    /// <summary>Tells the front doors holding this user's connections of a new notification.</summary>
    [OneWay, Alias("Notified")] Task Notified(Notification notification);

    [RetrySafe, Alias("Unwatch")] Task Unwatch(IAccountObserver observer);

    /// <summary>
    /// Takes up to <paramref name="wanted"/> chat messages from the user's token bucket (a burst of
    /// <paramref name="burst"/>, refilled at <paramref name="perSecond"/>) and answers how many it took: 0 when it
    /// is empty. One bucket for the user, whatever the session or front door.
    /// Safe to send again after its silo went away: the bucket is kept in memory, so whatever the lost call took went
    /// with that activation, and the next one starts from a full burst. Without this a chat message whose front door
    /// refilled its lease during a rolling restart was answered 503.
    /// </summary>
    [RetrySafe, Alias("TakeChatTokens")] Task<int> TakeChatTokens(int wanted, int burst, double perSecond);

    /// <summary>
    /// This user blocks <paramref name="otherId"/>: durable first, then both accounts know, then any follow between them
    /// ends, both ways. Blocking again repeats the last step.
    /// </summary>
    [RetrySafe, Alias("Block")] Task Block(Guid otherId);

    [RetrySafe, Alias("Unblock")] Task Unblock(Guid otherId);

    /// <summary>The users this one blocks, in the order blocked.</summary>
    [RetrySafe, Alias("Blocks")] Task<IReadOnlyList<Guid>> Blocks();

    [RetrySafe, Alias("IsBlocking")] Task<bool> IsBlocking(Guid otherId);

    /// <summary>Whose messages this user does not see: whom they block and who blocks them.</summary>
    [RetrySafe, Alias("Hidden")] Task<IReadOnlySet<Guid>> Hidden();

    /// <summary>Whether this user blocks <paramref name="otherId"/> or is blocked by them: then neither sees the other.</summary>
    [RetrySafe, Alias("Hides")] Task<bool> Hides(Guid otherId);

    /// <summary>Kept in step by the other account's grain: <paramref name="otherId"/> (un)blocked this user.</summary>
    [Alias("BlockedBy")] Task BlockedBy(Guid otherId, bool blocked);
}
