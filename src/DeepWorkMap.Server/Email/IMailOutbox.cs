namespace DeepWorkMap.Server.Email;

/// <summary>
/// Mail waiting to be sent: PostgreSQL in cluster mode (shared by every front door), memory in embedded mode. A claimed
/// mail is leased to one sender; it goes back to the others only if that sender neither sent it nor gave it back in time.
/// </summary>
public interface IMailOutbox
{
    Task EnqueueAsync(OutgoingMail mail, DateTimeOffset now, CancellationToken cancellationToken = default);

    /// <summary>Up to <paramref name="max"/> due mails, oldest first, each leased until <paramref name="now"/> + <paramref name="lease"/>.</summary>
    Task<IReadOnlyList<OutboxEntry>> ClaimAsync(int max, TimeSpan lease, DateTimeOffset now, CancellationToken cancellationToken = default);

    /// <summary>Sent: never claimed again, and its bodies (which may hold a single-use link) are erased.</summary>
    Task SentAsync(long id, DateTimeOffset now, CancellationToken cancellationToken = default);

    /// <summary>Not sent: due again at <paramref name="nextAttemptAt"/>.</summary>
    Task RetryAsync(long id, DateTimeOffset nextAttemptAt, string error, CancellationToken cancellationToken = default);

    /// <summary>Given up: the server refused it for good, or too many attempts failed.</summary>
    Task FailedAsync(long id, DateTimeOffset now, string error, CancellationToken cancellationToken = default);

    /// <summary>Forgets mails sent or given up before <paramref name="before"/>.</summary>
    Task PruneAsync(DateTimeOffset before, CancellationToken cancellationToken = default);
}
