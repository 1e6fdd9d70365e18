using DeepWorkMap.Contracts.Sessions;

namespace DeepWorkMap.Contracts.Chat;

/// <summary>The answer to a send: the stored message, or the error code that refused it.</summary>
[GenerateSerializer, Immutable, Alias("DeepWorkMap.ChatOutcome")]
public sealed record ChatOutcome(
    [property: Id(0)] ChatMessage? Message,
    [property: Id(1)] string? Error)
{
    public static ChatOutcome Ok(ChatMessage message) => new(message, null);
    public static ChatOutcome Fail(string error) => new(null, error);
}

/// <summary>A page of history, newest first, or the error code that refused it.</summary>
[GenerateSerializer, Immutable, Alias("DeepWorkMap.ChatPage")]
public sealed record ChatPage(
    [property: Id(0)] IReadOnlyList<ChatMessage>? Items,
    [property: Id(1)] string? Error);

/// <summary>What a participant sees on opening a session's live feed: the session and its recent chat, oldest first.</summary>
[GenerateSerializer, Immutable, Alias("DeepWorkMap.SessionFeed")]
public sealed record SessionFeed(
    [property: Id(0)] SessionSnapshot? Session,
    [property: Id(1)] IReadOnlyList<ChatMessage> RecentMessages,
    [property: Id(2)] string? Error)
{
    public static SessionFeed Fail(string error) => new(null, [], error);
}

/// <summary>A watcher's periodic check-in answer: the session now and the last seq it accepted.</summary>
[GenerateSerializer, Immutable, Alias("DeepWorkMap.SessionPulse")]
public sealed record SessionPulse(
    [property: Id(0)] SessionSnapshot? Session,
    [property: Id(1)] long LastSeq);
