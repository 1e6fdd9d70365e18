using DeepWorkMap.Contracts.Api;
using DeepWorkMap.Contracts.Chat;
using DeepWorkMap.Server.Http;
using DeepWorkMap.Server.Sessions;
using DeepWorkMap.Server.Identity;

namespace DeepWorkMap.Server.Chat;

/// <summary>
/// Sending, editing and deleting a chat message, the same way for the REST endpoint and the hub: validate, rate-limit
/// (edits and deletions spend the sender's chat budget too), hand to the session; a sent message goes to this front
/// door's subscribers from the session's answer (<see cref="ILocalChatRelay"/>).
/// </summary>
public sealed class SessionChat(SessionGrains sessions, ChatRateLimiter limiter, UserDirectory users, SessionViews views, ILocalChatRelay relay)
{
    /// <summary>
    /// Sends the message, and again under the same id while its write fails (<see cref="ChatNotStoredException"/>): the
    /// session's next activation reads the last seq back and stores it after whatever took its seq (an old activation on
    /// a silo handing over), or answers the stored one if the write had landed after all. The user is told 503 only if
    /// it still fails after that, as when the database is down. One async method for the whole send: it was three nested
    /// ones, each a state machine allocated per message.
    /// </summary>
    public async Task<(MessageDto? Message, Refusal? Refusal)> SendAsync(Guid sessionId, Guid authorId, string? content)
    {
        if (!await users.ExistsAsync(authorId)) return (null, Refusal.AccountGone);
        if (!ChatRules.IsValidContent(content)) return (null, Refusal.Validation(new Dictionary<string, string[]> { ["content"] = [ChatRules.ContentRule] }));
        if (!await limiter.TryAcquireAsync(authorId)) return (null, Refusal.RateLimited("You are sending messages too fast; wait a moment."));

        // A new id per call: the REST and hub contracts carry no client-chosen message id.
        var messageId = Guid.NewGuid();
        var session = sessions.Get(sessionId);
        for (var attempt = 0; ; attempt++)
        {
            ChatOutcome outcome;
            try
            {
                try
                {
                    outcome = await session.SendRelayedBy(messageId, authorId, content!, relay.Observer);
                }
                catch (TypeLoadException)
                {
                    // During a rolling upgrade the session may live on a silo of the previous release, which has no SendRelayedBy
                    // and pushes every message to every watcher: relayed from the answer too, the relay drops the repeat by seq.
                    outcome = await session.Send(messageId, authorId, content!);
                }
            }
            catch (ChatNotStoredException) when (attempt < AgainAfter.Length)
            {
                await Task.Delay(AgainAfter[attempt]);
                continue;
            }
            if (outcome.Error is { } error) return (null, Refusal.ForSessionError(error));
            relay.Relay(outcome.Message!);
            return (await views.ToDtoAsync(outcome.Message!), null);
        }
    }

    /// <summary>The sender's new words for their message <paramref name="seq"/> (content rules as for sending).</summary>
    public Task<(MessageDto? Message, Refusal? Refusal)> EditAsync(Guid sessionId, Guid userId, long seq, string? content) =>
        ChatRules.IsValidContent(content)
            ? ChangeAsync(sessionId, userId, seq, content)
            : Task.FromResult<(MessageDto?, Refusal?)>((null, Refusal.Validation(new Dictionary<string, string[]> { ["content"] = [ChatRules.ContentRule] })));

    /// <summary>The sender deletes their message <paramref name="seq"/>: its words are gone for everyone.</summary>
    public Task<(MessageDto? Message, Refusal? Refusal)> DeleteAsync(Guid sessionId, Guid userId, long seq) => ChangeAsync(sessionId, userId, seq, null);

    private async Task<(MessageDto? Message, Refusal? Refusal)> ChangeAsync(Guid sessionId, Guid userId, long seq, string? content)
    {
        if (!await users.ExistsAsync(userId)) return (null, Refusal.AccountGone);
        if (!await limiter.TryAcquireAsync(userId)) return (null, Refusal.RateLimited("You are changing messages too fast; wait a moment."));
        var outcome = await sessions.Get(sessionId).ChangeMessage(userId, seq, content);
        return outcome.Error is { } error ? (null, Refusal.ForMessageError(error)) : (await views.ToDtoAsync(outcome.Message!), null);
    }

    /// <summary>The waits before sending a message again whose write failed.</summary>
    private static readonly TimeSpan[] AgainAfter = [TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(400), TimeSpan.FromSeconds(1)];
}
