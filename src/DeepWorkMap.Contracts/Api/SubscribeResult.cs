
namespace DeepWorkMap.Contracts.Api;

/// <summary>What <c>SubscribeSession</c> answers: the session and its recent chat, oldest first.</summary>
public sealed record SubscribeResult(SessionDto Session, IReadOnlyList<MessageDto> RecentMessages)
{
    /// <summary>The server's clock when it answered, so every client counts the timer down from one clock.</summary>
    public DateTimeOffset ServerTime { get; init; }
}
