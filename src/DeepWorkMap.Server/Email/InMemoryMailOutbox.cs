namespace DeepWorkMap.Server.Email;

/// <summary>Embedded mode's outbox: the same claims and leases as PostgreSQL's, gone when the process ends.</summary>
public sealed class InMemoryMailOutbox : IMailOutbox
{
    private sealed class Row(long id, OutgoingMail mail, DateTimeOffset due)
    {
        public long Id { get; } = id;
        public OutgoingMail Mail { get; } = mail;
        public DateTimeOffset Due { get; set; } = due;
        public DateTimeOffset? LockedUntil { get; set; }
        public int Attempts { get; set; }
    }

    private readonly Lock _gate = new();
    private readonly SortedDictionary<long, Row> _pending = [];
    private long _nextId;

    public Task EnqueueAsync(OutgoingMail mail, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            var id = ++_nextId;
            _pending.Add(id, new Row(id, mail, now));
        }
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<OutboxEntry>> ClaimAsync(int max, TimeSpan lease, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            var claimed = _pending.Values.Where(r => r.Due <= now && (r.LockedUntil is null || r.LockedUntil <= now)).Take(max).ToList();
            foreach (var row in claimed)
            {
                row.LockedUntil = now + lease;
                row.Attempts++;
            }
            return Task.FromResult<IReadOnlyList<OutboxEntry>>(claimed.Select(r => new OutboxEntry(r.Id, r.Mail, r.Attempts - 1)).ToList());
        }
    }

    public Task SentAsync(long id, DateTimeOffset now, CancellationToken cancellationToken = default) => Remove(id);

    public Task FailedAsync(long id, DateTimeOffset now, string error, CancellationToken cancellationToken = default) => Remove(id);

    public Task RetryAsync(long id, DateTimeOffset nextAttemptAt, string error, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            if (_pending.TryGetValue(id, out var row)) (row.Due, row.LockedUntil) = (nextAttemptAt, null);
        }
        return Task.CompletedTask;
    }

    public Task PruneAsync(DateTimeOffset before, CancellationToken cancellationToken = default) => Task.CompletedTask;

    private Task Remove(long id)
    {
        lock (_gate) _pending.Remove(id);
        return Task.CompletedTask;
    }
}
