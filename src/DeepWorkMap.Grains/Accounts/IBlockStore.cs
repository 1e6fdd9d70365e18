namespace DeepWorkMap.Grains.Accounts;

/// <summary>Where blocks are durable (<c>user_blocks</c>): PostgreSQL in cluster mode, memory in embedded mode.</summary>
public interface IBlockStore
{
    /// <summary>Whom the user blocks, and who blocks the user.</summary>
    Task<(IReadOnlyList<Guid> Blocks, IReadOnlyList<Guid> BlockedBy)> LoadAsync(Guid userId, CancellationToken cancellationToken = default);

    Task AddAsync(Guid blockerId, Guid blockedId, CancellationToken cancellationToken = default);

    Task RemoveAsync(Guid blockerId, Guid blockedId, CancellationToken cancellationToken = default);
}
