
namespace DeepWorkMap.Contracts.Api;

/// <summary>What <c>SubscribeSession</c> answers: the session, its recent chat (oldest first) and who takes part.</summary>
public sealed record SubscribeResult(SessionDto Session, IReadOnlyList<MessageDto> RecentMessages)
{
    /// <summary>The participants as <c>GET /api/sessions/{id}/participants</c> shows them to the subscriber.</summary>
    public IReadOnlyList<ParticipantDto> Participants { get; init; } = [];

    /// <summary>The server's clock when it answered, so every client counts the timer down from one clock.</summary>
    public DateTimeOffset ServerTime { get; init; }
}
