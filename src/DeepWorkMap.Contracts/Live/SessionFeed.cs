using DeepWorkMap.Contracts.Chat;
using DeepWorkMap.Contracts.Sessions;

namespace DeepWorkMap.Contracts.Live;

/// <summary>What a participant sees on opening a session's live feed: the session and its recent chat, oldest first.</summary>
[GenerateSerializer, Immutable, Alias("DeepWorkMap.SessionFeed")]
public sealed record SessionFeed(
    [property: Id(0)] SessionSnapshot? Session,
    [property: Id(1)] IReadOnlyList<ChatMessage> RecentMessages,
    [property: Id(2)] string? Error)
{
    public static SessionFeed Fail(string error) => new(null, [], error);
}
