namespace DeepWorkMap.Server.Moderation;

/// <summary>Embedded mode's moderators, gone when the process ends (with every account they could name).</summary>
public sealed class InMemoryModeratorStore : IModeratorStore
{
    private readonly Lock _gate = new();
    private readonly Dictionary<Guid, DateTimeOffset> _granted = [];

    public Task<bool> IsModeratorAsync(Guid userId, CancellationToken cancellationToken = default)
    {
        lock (_gate) return Task.FromResult(_granted.ContainsKey(userId));
    }

    public Task<bool> GrantAsync(Guid userId, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        lock (_gate) return Task.FromResult(_granted.TryAdd(userId, now));
    }

    public Task<bool> RevokeAsync(Guid userId, CancellationToken cancellationToken = default)
    {
        lock (_gate) return Task.FromResult(_granted.Remove(userId));
    }

    public Task<IReadOnlyList<(Guid UserId, DateTimeOffset GrantedAt)>> ListAsync(CancellationToken cancellationToken = default)
    {
        lock (_gate) return Task.FromResult<IReadOnlyList<(Guid, DateTimeOffset)>>(_granted.OrderBy(g => g.Value).Select(g => (g.Key, g.Value)).ToList());
    }
}
