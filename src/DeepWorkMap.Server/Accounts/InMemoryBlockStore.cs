using DeepWorkMap.Grains.Accounts;

namespace DeepWorkMap.Server.Accounts;

/// <summary>Embedded mode's blocks, gone when the process ends.</summary>
public sealed class InMemoryBlockStore : IBlockStore
{
    private readonly Lock _gate = new();
    private readonly List<(Guid Blocker, Guid Blocked)> _blocks = [];

    public Task<(IReadOnlyList<Guid> Blocks, IReadOnlyList<Guid> BlockedBy)> LoadAsync(Guid userId, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            IReadOnlyList<Guid> blocks = _blocks.Where(b => b.Blocker == userId).Select(b => b.Blocked).ToList();
            IReadOnlyList<Guid> blockedBy = _blocks.Where(b => b.Blocked == userId).Select(b => b.Blocker).ToList();
            return Task.FromResult((blocks, blockedBy));
        }
    }

    public Task AddAsync(Guid blockerId, Guid blockedId, CancellationToken cancellationToken = default)
    {
        lock (_gate) if (!_blocks.Contains((blockerId, blockedId))) _blocks.Add((blockerId, blockedId));
        return Task.CompletedTask;
    }

    public Task RemoveAsync(Guid blockerId, Guid blockedId, CancellationToken cancellationToken = default)
    {
        lock (_gate) _blocks.Remove((blockerId, blockedId));
        return Task.CompletedTask;
    }
}
