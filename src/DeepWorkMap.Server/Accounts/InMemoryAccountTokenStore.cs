namespace DeepWorkMap.Server.Accounts;

/// <summary>Embedded mode's mailed tokens: the same rules as PostgreSQL's, gone when the process ends.</summary>
public sealed class InMemoryAccountTokenStore : IAccountTokenStore
{
    private sealed record Row(Guid UserId, string Purpose, string Email, DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt)
    {
        public bool Used { get; set; }
    }

    private readonly Lock _gate = new();
    private readonly Dictionary<string, Row> _byHash = [];

    public Task AddAsync(byte[] hash, Guid userId, string purpose, string email, DateTimeOffset now, DateTimeOffset expiresAt, CancellationToken cancellationToken = default)
    {
        lock (_gate) _byHash[Convert.ToHexString(hash)] = new Row(userId, purpose, email, now, expiresAt);
        return Task.CompletedTask;
    }

    public Task<AccountTokenOwner?> UseAsync(byte[] hash, string purpose, DateTimeOffset now, CancellationToken cancellationToken = default) =>
        Task.FromResult(Use(hash, purpose, now, keepEarlier: false));

    public Task<AccountTokenOwner?> UseKeepingEarlierAsync(byte[] hash, string purpose, DateTimeOffset now, CancellationToken cancellationToken = default) =>
        Task.FromResult(Use(hash, purpose, now, keepEarlier: true));

    /// <summary>Uses the token, and with it the owner's other tokens of its purpose (those issued after it, with <paramref name="keepEarlier"/>).</summary>
    private AccountTokenOwner? Use(byte[] hash, string purpose, DateTimeOffset now, bool keepEarlier)
    {
        lock (_gate)
        {
            if (!_byHash.TryGetValue(Convert.ToHexString(hash), out var row) || row.Used || row.Purpose != purpose || row.ExpiresAt <= now) return null;
            foreach (var other in _byHash.Values.Where(r => r.UserId == row.UserId && r.Purpose == purpose && (!keepEarlier || r == row || r.CreatedAt > row.CreatedAt)))
                other.Used = true;
            return new AccountTokenOwner(row.UserId, row.Email);
        }
    }

    public Task CancelAsync(Guid userId, string purpose, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        lock (_gate)
            foreach (var row in _byHash.Values.Where(r => r.UserId == userId && r.Purpose == purpose)) row.Used = true;
        return Task.CompletedTask;
    }

    public Task<int> CountIssuedSinceAsync(Guid userId, string purpose, DateTimeOffset since, CancellationToken cancellationToken = default)
    {
        lock (_gate) return Task.FromResult(_byHash.Values.Count(r => r.UserId == userId && r.Purpose == purpose && r.CreatedAt > since));
    }
}
