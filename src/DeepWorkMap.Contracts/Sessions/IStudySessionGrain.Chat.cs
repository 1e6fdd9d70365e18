using DeepWorkMap.Contracts.Chat;
using DeepWorkMap.Contracts.Live;
using Orleans.Concurrency;

namespace DeepWorkMap.Contracts.Sessions;

/// <summary>Chat: the session's messages, participants only.</summary>
public partial interface IStudySessionGrain
{
    /// <summary>
    /// Accepts a chat message from an active participant: gives it the next seq, makes it durable, then
    /// pushes it to watchers. Sending the same <paramref name="messageId"/> again while it is among the session's last
    /// 50 messages returns the stored message.
    /// Sends interleave with each other and with other calls: while one waits for its write, the next takes
    /// its seq and joins the same group commit, so a busy session is not held to one write at a time.
    /// </summary>
    [AlwaysInterleave]
    [RetrySafe, Alias("Send")] Task<ChatOutcome> Send(Guid messageId, Guid authorId, string content);

    /// <summary>
    /// <see cref="Send(Guid, Guid, string)"/> from a front door that relays the accepted message to its own subscribers
    /// from the answer: the message is pushed to every other watcher, not back to <paramref name="relayedBy"/>. A push
    /// would cost the sending front door a second Orleans hop per message for what the answer already carries.
    /// </summary>
    [AlwaysInterleave]
    [RetrySafe, Alias("SendRelayedBy")] Task<ChatOutcome> SendRelayedBy(Guid messageId, Guid authorId, string content, ISessionObserver relayedBy);

    /// <summary>
    /// The sender edits (<paramref name="content"/>, already validated) or deletes (null) their message <paramref name="seq"/>
    /// within <c>MessageEdits.Window</c> of sending it, while a participant and the session is not over; then pushes the
    /// change to watchers. Only acknowledged messages, so a change is never stored before its message.
    /// </summary>
    [Alias("ChangeMessage")] Task<ChatOutcome> ChangeMessage(Guid userId, long seq, string? content);

    /// <summary>Up to <paramref name="limit"/> messages with seq below <paramref name="before"/> (or the newest), newest first; participants only.</summary>
    [RetrySafe, Alias("History")] Task<ChatPage> History(Guid userId, long? before, int limit);

    /// <summary>A moderator hides one of the session's messages everywhere: memory, the log, and the subscribers' screens.</summary>
    [Alias("HideMessage")] Task<bool> HideMessage(Guid messageId);
}
