using DeepWorkMap.Contracts;
using DeepWorkMap.Contracts.Chat;
using DeepWorkMap.Contracts.Live;
using DeepWorkMap.Contracts.Sessions;
using DeepWorkMap.Grains.Chat;

namespace DeepWorkMap.Grains.Sessions;

/// <summary>Chat: participants' messages, kept in order, durable before they are acknowledged, the last 50 in memory.</summary>
public sealed partial class StudySessionGrain
{
    /// <summary>How many messages the grain keeps in memory (docs/api.md: <c>recentMessages</c>, up to 50).</summary>
    public const int RecentMessageCount = 50;

    /// <summary>A gap larger than this is left for the client to fill from history.</summary>
    private const int MaxCatchUpMessages = 500;

    private readonly RecentMessages _recent = new(RecentMessageCount);

    /// <summary>This activation's appends; see <see cref="SeqChain"/>.</summary>
    private readonly SeqChain _chain = new();

    /// <summary>The last seq handed out. Sends interleave (see IStudySessionGrain.Send), so it runs ahead of what is stored.</summary>
    private long _lastSeq;

    public Task<ChatOutcome> Send(Guid messageId, Guid authorId, string content) => SendAsync(messageId, authorId, content, relayedBy: null);

    public Task<ChatOutcome> SendRelayedBy(Guid messageId, Guid authorId, string content, ISessionObserver relayedBy) =>
        SendAsync(messageId, authorId, content, relayedBy);

    private async Task<ChatOutcome> SendAsync(Guid messageId, Guid authorId, string content, ISessionObserver? relayedBy)
    {
        if (!Found()) return ChatOutcome.Fail(ErrorCodes.NotFound);
        if (_recent.Find(messageId) is { } alreadyStored) return ChatOutcome.Ok(alreadyStored);
        if (!state.State.Participants.ContainsKey(authorId)) return ChatOutcome.Fail(NotParticipantError(authorId));
        if (Admission.OverRefusal(StatusUntil(EndsAt())) is { } over) return ChatOutcome.Fail(over);
        if (_chain.IsBroken) throw new ChatNotStoredException($"Session {Id}'s chat is recovering from a failed write; send the message again.");

        var message = new ChatMessage(messageId, Id, ++_lastSeq, authorId, content, clock.GetUtcNow());
        try
        {
            await chatLog.AppendAsync(message, _chain);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // The write may or may not have landed, and later seqs were refused: the next activation reads the
            // last stored seq back from the log and carries on from there.
            DeactivateOnIdle();
            throw e as ChatNotStoredException ?? new ChatNotStoredException($"Message {messageId} of session {Id} was not stored ({e.Message}); send it again.", e);
        }
        // The log completes one chain's appends in order, so messages reach memory and watchers in seq order.
        _recent.Add(message);
        DeepWorkMetrics.Messages.Add(1);
        _watchers.Notify(watcher =>
        {
            if (!watcher.Equals(relayedBy)) _ = watcher.MessageAccepted(message);
        });
        return ChatOutcome.Ok(message);
    }

    public async Task<ChatOutcome> ChangeMessage(Guid userId, long seq, string? content)
    {
        if (!Found()) return ChatOutcome.Fail(ErrorCodes.NotFound);
        if (!state.State.Participants.ContainsKey(userId)) return ChatOutcome.Fail(NotParticipantError(userId));
        if (Admission.OverRefusal(StatusUntil(EndsAt())) is { } over) return ChatOutcome.Fail(over);
        // Up to _recent.LastSeq every message is acknowledged, so durable: a change never lands before its message, and
        // a message still in flight (its seq handed out, its row not yet written) is not found.
        var message = seq >= 1 && seq <= _recent.LastSeq ? _recent.FindSeq(seq) ?? await chatLog.FindAsync(Id, seq) : null;
        if (message is null) return ChatOutcome.Fail(ErrorCodes.NotFound);
        var now = clock.GetUtcNow();
        if (MessageEdits.Refusal(message, userId, now) is { } refused) return ChatOutcome.Fail(refused);

        var changed = message.Changed(content, now);
        await chatLog.ChangeAsync(changed);
        _recent.Replace(changed);
        _watchers.Notify(watcher => { _ = watcher.MessageChanged(changed); });
        return ChatOutcome.Ok(changed);
    }

    public async Task<ChatPage> History(Guid userId, long? before, int limit)
    {
        if (!Found()) return new ChatPage(null, ErrorCodes.NotFound);
        if (!state.State.Participants.ContainsKey(userId)) return new ChatPage(null, NotParticipantError(userId));
        return new ChatPage(_recent.TryPage(before, limit) ?? await chatLog.LatestAsync(Id, before, limit), null);
    }

    public async Task<bool> HideMessage(Guid messageId)
    {
        if (!Found() || await chatLog.HideAsync(messageId, clock.GetUtcNow()) != Id) return false;
        _recent.Hide(messageId);
        if (_recent.Find(messageId) is { } hidden) _watchers.Notify(watcher => { _ = watcher.MessageHidden(hidden); });
        return true;
    }

    private async Task LoadRecentMessages()
    {
        _recent.Load(await chatLog.LatestAsync(Id, null, RecentMessageCount));
        _lastSeq = _recent.LastSeq;
    }

    /// <summary>An outsider of a private session is told it does not exist, not that they are not in it.</summary>
    private string NotParticipantError(Guid userId) => IsVisibleTo(userId, inviteCode: null) ? ErrorCodes.NotParticipant : ErrorCodes.NotFound;
}
