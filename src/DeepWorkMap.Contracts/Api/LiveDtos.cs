using DeepWorkMap.Contracts.Chat;

namespace DeepWorkMap.Contracts.Api;

/// <summary>The body of <c>POST /api/sessions/{id}/messages</c>.</summary>
public sealed record SendMessageRequest(string? Content);

/// <summary>What <c>SubscribeSession</c> answers: the session and its recent chat, oldest first.</summary>
public sealed record SubscribeResult(SessionDto Session, IReadOnlyList<ChatMessage> RecentMessages);

/// <summary>The hub's <c>participantJoined</c> event.</summary>
public sealed record ParticipantJoinedEvent(Guid SessionId, UserDto User, string Role, int CurrentParticipants);

/// <summary>The hub's <c>participantLeft</c> event.</summary>
public sealed record ParticipantLeftEvent(Guid SessionId, Guid UserId, int CurrentParticipants);

/// <summary>The hub's <c>sessionRemoved</c> event.</summary>
public sealed record SessionRemovedEvent(Guid SessionId);

/// <summary>The names of the hub's server-to-client events, as API.md spells them.</summary>
public static class HubEvents
{
    public const string MessageReceived = "messageReceived";
    public const string ParticipantJoined = "participantJoined";
    public const string ParticipantLeft = "participantLeft";
    public const string SessionChanged = "sessionChanged";
    public const string SessionRemoved = "sessionRemoved";
}
