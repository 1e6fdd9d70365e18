using DeepWorkMap.Contracts.Chat;

namespace DeepWorkMap.Grains.Chat;

/// <summary>
/// The durable, unbounded chat history (<c>chat_messages</c>): PostgreSQL in cluster mode, memory in
/// embedded mode. Session grains append; history pages come from here.
/// </summary>
public interface IChatLog
{
    /// <summary>
    /// Completes once the message is durable. Throws if it could not be stored, seq conflicts included,
    /// and then breaks <paramref name="chain"/>: later seqs of the chain are refused, not written.
    /// Appends of one chain are written in the order they were made.
    /// </summary>
    Task AppendAsync(ChatMessage message, SeqChain chain, CancellationToken cancellationToken = default);

    /// <summary>Up to <paramref name="limit"/> messages of the session with seq below <paramref name="before"/> (all when null), newest first.</summary>
    Task<IReadOnlyList<ChatMessage>> LatestAsync(Guid sessionId, long? before, int limit, CancellationToken cancellationToken = default);

    /// <summary>Hides a stored message (it keeps its seq, loses its content); the session it belongs to, or null when there is no such message.</summary>
    Task<Guid?> HideAsync(Guid messageId, DateTimeOffset now, CancellationToken cancellationToken = default);

    /// <summary>The stored message with this seq, or null.</summary>
    Task<ChatMessage?> FindAsync(Guid sessionId, long seq, CancellationToken cancellationToken = default);

    /// <summary>
    /// Stores its sender's edit (or deletion: <see cref="ChatMessage.Deleted"/>, its words dropped for good) of a stored
    /// message, by its session and seq. Completes once durable; throws if that message is not stored as it stands.
    /// </summary>
    Task ChangeAsync(ChatMessage changed, CancellationToken cancellationToken = default);

    /// <summary>The session a stored message belongs to, or null.</summary>
    Task<Guid?> SessionOfAsync(Guid messageId, CancellationToken cancellationToken = default);

    /// <summary>Every message the user wrote, oldest first: what an account export holds.</summary>
    Task<IReadOnlyList<ChatMessage>> ByAuthorAsync(Guid userId, CancellationToken cancellationToken = default);
}
