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

    public Task<AccountTokenOwner?> UseAsync(byte[] hash, string purpose, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            if (!_byHash.TryGetValue(Convert.ToHexString(hash), out var row) || row.Used || row.Purpose != purpose || row.ExpiresAt <= now)
                return Task.FromResult<AccountTokenOwner?>(null);
            foreach (var other in _byHash.Values.Where(r => r.UserId == row.UserId && r.Purpose == purpose)) other.Used = true;
            return Task.FromResult<AccountTokenOwner?>(new AccountTokenOwner(row.UserId, row.Email));
        }
    }

    public Task<AccountTokenOwner?> UseKeepingEarlierAsync(byte[] hash, string purpose, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            if (!_byHash.TryGetValue(Convert.ToHexString(hash), out var row) || row.Used || row.Purpose != purpose || row.ExpiresAt <= now)
                return Task.FromResult<AccountTokenOwner?>(null);
            row.Used = true;
            foreach (var later in _byHash.Values.Where(r => r.UserId == row.UserId && r.Purpose == purpose && r.CreatedAt > row.CreatedAt)) later.Used = true;
            return Task.FromResult<AccountTokenOwner?>(new AccountTokenOwner(row.UserId, row.Email));
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
