using DeepWorkMap.Contracts.Sessions;
using DeepWorkMap.Contracts.Users;
using Orleans.Concurrency;

namespace DeepWorkMap.Contracts.Accounts;

/// <summary>A front door holding live connections of accounts, told when one is closed so it can drop them.</summary>
[Alias("DeepWorkMap.IAccountObserver")]
public interface IAccountObserver : IGrainObserver
{
    /// <summary>The account's connections must go: it was closed or suspended, or signed out everywhere.</summary>
    [OneWay, Alias("AccountClosed")] Task AccountClosed(Guid userId);

    /// <summary>These devices of the account were signed out: the connections opened with their tokens must go, the others stay.</summary>
    [OneWay, Alias("DevicesSignedOut")] Task DevicesSignedOut(Guid userId, IReadOnlyList<Guid> deviceIds);

    /// <summary>The user waited for a seat and now has one: for every connection of theirs, whatever they have open.</summary>
    [OneWay, Alias("PromotedFromWaitlist")] Task PromotedFromWaitlist(Guid userId, SessionSnapshot session);

    /// <summary>The user waits for a seat and moved up the line: for every connection of theirs.</summary>
    [OneWay, Alias("WaitlistPositionChanged")] Task WaitlistPositionChanged(Guid userId, Guid sessionId, int position);

    /// <summary>A notification was stored in the user's inbox: for every connection of theirs.</summary>
    [OneWay, Alias("Notified")] Task Notified(Notification notification);
}
