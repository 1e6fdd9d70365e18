
namespace DeepWorkMap.Contracts.Api;

/// <summary>What <c>SubscribeSession</c> answers: the session and its recent chat, oldest first.</summary>
public sealed record SubscribeResult(SessionDto Session, IReadOnlyList<MessageDto> RecentMessages);
