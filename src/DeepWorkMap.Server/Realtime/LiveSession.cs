using DeepWorkMap.Contracts.Chat;
using DeepWorkMap.Contracts.Sessions;

namespace DeepWorkMap.Server.Realtime;

/// <summary>A message to broadcast to the session's group, and the connections to add to the group just before it.</summary>
public sealed record Delivery(ChatMessage Message, IReadOnlyList<string> JoinGroupFirst);

/// <summary>
/// What a new subscriber needs: the messages after <paramref name="SeenUpTo"/> through <paramref name="Through"/> (those
/// relayed before it joined), sent to it alone, then the group's. <paramref name="CatchUp"/> is what this front door
/// still holds of them; when it is not all of them (<see cref="Complete"/>), the rest are read from the session.
/// </summary>
public sealed record Admission(string ConnectionId, long SeenUpTo, long Through, IReadOnlyList<ChatMessage> CatchUp)
{
    public bool Complete => CatchUp.Count == Through - SeenUpTo;
}

/// <summary>
/// One session as seen by this front door: the connections subscribed to it, and its messages put back
/// in seq order. A message is released only when every earlier one was, and at most once. Messages go
/// to a SignalR group; a connection enters the group right before the first message it has not seen,
/// so it never gets one twice (it was handed the recent ones on subscribing) and never misses one.
/// What goes out is queued while the state is locked, so it leaves in seq order whichever thread released
/// it; the thread that queued it sends it at once unless an earlier send is still under way.
/// </summary>
public sealed class LiveSession(
    Guid sessionId,
    Func<LiveSession, Delivery, Task> deliver,
    Func<LiveSession, Admission, Task> admit,
    Action<Exception>? sendFailed = null,
    Func<DateTimeOffset>? clock = null)
{
    private const int ReleasedKept = 100;

    private sealed class Member(Guid userId, long seenUpTo, DateTimeOffset since)
    {
        public Guid UserId { get; } = userId;
        public long SeenUpTo { get; } = seenUpTo;
        public bool Grouped { get; set; }

        /// <summary>The client said this connection is away (its tab hidden a while).</summary>
        public bool Away { get; set; }

        /// <summary>When the connection subscribed or last turned active or away.</summary>
        public DateTimeOffset Since { get; set; } = since;
    }

    private DateTimeOffset Now() => clock?.Invoke() ?? DateTimeOffset.UtcNow;

    private readonly Lock _gate = new();
    private readonly Dictionary<string, Member> _members = [];

    /// <summary>How many times each user left (or was removed) while this front door watched: a subscription answered before
    /// a leave must not join after it (<see cref="Join"/>).</summary>
    private readonly Dictionary<Guid, int> _leaves = [];
    private readonly SortedList<long, ChatMessage> _early = [];
    /// <summary>The last messages relayed or handed to a subscriber, by seq: what a later subscriber may have to catch up on.</summary>
    private readonly SortedList<long, ChatMessage> _released = [];
    private long _delivered = -1; // -1: not known until the first subscriber says where it starts
    private int _joining;
    private bool _filling;
    private readonly OrderedSends _outbox = new(e => sendFailed?.Invoke(e));

    public Guid SessionId { get; } = sessionId;

    public string Group { get; } = $"session:{sessionId}";

    /// <summary>The status and seat count last relayed, to notice a change that was missed.</summary>
    public SessionSnapshot? LastSeen { get; set; }

    public long Delivered { get { lock (_gate) return _delivered; } }

    /// <summary>Nobody is subscribed or on the way: the session can stop being watched.</summary>
    public bool IsIdle { get { lock (_gate) return _members.Count == 0 && _joining == 0; } }

    /// <summary>Subscribers not yet in the group (waiting for a message they have not seen); events go to them one by one.</summary>
    public IReadOnlyList<string> OutsideGroup { get { lock (_gate) return _members.Where(m => !m.Value.Grouped).Select(m => m.Key).ToList(); } }

    /// <summary>The connections of the users <paramref name="user"/> picks.</summary>
    public IReadOnlyList<string> ConnectionsWhere(Func<Guid, bool> user)
    {
        lock (_gate) return _members.Where(m => user(m.Value.UserId)).Select(m => m.Key).ToList();
    }

    public Guid? UserOf(string connectionId)
    {
        lock (_gate) return _members.TryGetValue(connectionId, out var member) ? member.UserId : null;
    }

    public IReadOnlyList<string> ConnectionsOf(Guid userId) => ConnectionsWhere(user => user == userId);

    /// <summary>Marks a subscribed connection active or away; false when it does not hold this session.</summary>
    public bool SetAway(string connectionId, bool away)
    {
        lock (_gate)
        {
            if (!_members.TryGetValue(connectionId, out var member)) return false;
            if (member.Away != away) member.Since = Now();
            member.Away = away;
            return true;
        }
    }

    /// <summary>
    /// Each user holding the session here: active if any of their connections is (since the earliest active one
    /// turned active), else away (since the latest turned away).
    /// </summary>
    public IReadOnlyDictionary<Guid, PresenceReport> Presence()
    {
        lock (_gate)
            return _members.Values.GroupBy(m => m.UserId).ToDictionary(g => g.Key, g =>
            {
                var active = g.Where(m => !m.Away).ToList();
                return active.Count > 0
                    ? new PresenceReport(PresenceStates.Active, active.Min(m => m.Since))
                    : new PresenceReport(PresenceStates.Away, g.Max(m => m.Since));
            });
    }

    /// <summary>A connection is subscribing; keeps the session from being dropped meanwhile.</summary>
    public void BeginJoin() { lock (_gate) _joining++; }

    public void AbandonJoin() { lock (_gate) _joining--; }

    /// <summary>How many leaves of <paramref name="userId"/> this front door heard of; read before asking to subscribe.</summary>
    public int LeavesOf(Guid userId) { lock (_gate) return _leaves.GetValueOrDefault(userId); }

    /// <summary>The user left: counts it, and answers the connections that held the session for them, to be let go.</summary>
    public IReadOnlyList<string> Left(Guid userId)
    {
        lock (_gate)
        {
            _leaves[userId] = _leaves.GetValueOrDefault(userId) + 1;
            return _members.Where(m => m.Value.UserId == userId).Select(m => m.Key).ToList();
        }
    }

    /// <summary>
    /// Completes a subscription: the connection was handed <paramref name="handed"/>, the session's recent messages
    /// (oldest first) as it subscribed. False, and nothing joined, when the user left since <paramref name="leavesBefore"/>
    /// was read: the session's answer may predate the leave, whose push found no connection of theirs to let go. The
    /// subscription is then still joining: it asks again, or abandons.
    /// </summary>
    public bool Join(string connectionId, Guid userId, IReadOnlyList<ChatMessage> handed, int leavesBefore)
    {
        var seenUpTo = handed.Count > 0 ? handed[^1].Seq : 0;
        lock (_gate)
        {
            if (_leaves.GetValueOrDefault(userId) != leavesBefore) return false;
            _joining--;
            var member = _members[connectionId] = new Member(userId, seenUpTo, Now());
            if (_delivered < 0) _delivered = seenUpTo;
            // What it was handed up to where this front door stands counts as relayed: subscribers that join after it,
            // handed less (their subscription answered earlier), catch up on it here. Without it the first subscriber's
            // messages were nowhere, and one that joined after it with an older answer missed them.
            foreach (var message in handed)
                if (message.Seq <= _delivered) Keep(message);
            if (seenUpTo <= _delivered)
            {
                // Already relayed past what it was handed: it gets those alone, then the group's from here on.
                member.Grouped = true;
                var admission = new Admission(connectionId, seenUpTo, _delivered, [.. _released.Values.Where(m => m.Seq > seenUpTo)]);
                Queue(() => admit(this, admission));
            }
            Release();
        }
        Flush();
        return true;
    }

    /// <summary>
    /// A message changed (its sender edited or deleted it, or a moderator hid it): a later subscriber caught up from what
    /// is kept here gets it as it now stands.
    /// </summary>
    public void Replace(ChatMessage changed)
    {
        lock (_gate)
            if (_released.ContainsKey(changed.Seq)) _released[changed.Seq] = changed;
    }

    /// <summary>Keeps a message a later subscriber may need, the last <see cref="ReleasedKept"/> by seq.</summary>
    private void Keep(ChatMessage message)
    {
        _released.TryAdd(message.Seq, message);
        if (_released.Count > ReleasedKept) _released.RemoveAt(0);
    }

    public void Remove(string connectionId)
    {
        lock (_gate) _members.Remove(connectionId);
    }

    /// <summary>Takes a message as it arrives, and sends out what can now go, in order.</summary>
    public void Accept(ChatMessage message)
    {
        lock (_gate)
        {
            if (message.Seq > _delivered) _early[message.Seq] = message;
            if (_delivered >= 0) Release();
        }
        Flush();
    }

    /// <summary>Messages wait for an earlier one that has not arrived.</summary>
    public bool HasGap { get { lock (_gate) return _delivered >= 0 && _early.Count > 0; } }

    /// <summary>How many times in a row one fill asks the session while a gap stands; past that, the next push or renewal asks.</summary>
    public const int FillAsks = 3;

    /// <summary>
    /// Fills what this front door missed: asks <paramref name="messagesAfter"/> for the messages after the last one
    /// relayed, and again while a gap stands (messages that came during the ask), <see cref="FillAsks"/> times at most.
    /// Answers how many messages were given up on (see <see cref="AcceptFilled"/>) and whether a gap still stands.
    /// </summary>
    public async Task<(long Skipped, bool GapStands)> FillAsync(Func<long, Task<IReadOnlyList<ChatMessage>>> messagesAfter)
    {
        long skipped = 0;
        var gap = true;
        for (var ask = 0; ask < FillAsks && gap; ask++)
        {
            gap = AcceptFilled(await messagesAfter(Delivered), out var given);
            skipped += given;
        }
        return (skipped, gap);
    }

    /// <summary>
    /// Takes the session's answer to "the messages after the last one relayed", oldest first; true while a gap still
    /// stands, so the session is asked again. Messages that arrived during the ask can stand above a new gap (a push
    /// overtaking the answer to a send), and the session holds what fills it by then: it is never given up on. Only a
    /// gap below the answer is: the session hands back its newest 500 at most, and older ones are in its history.
    /// <paramref name="skipped"/> says how many were given up on.
    /// </summary>
    public bool AcceptFilled(IReadOnlyList<ChatMessage> answer, out long skipped)
    {
        skipped = 0;
        bool gap;
        lock (_gate)
        {
            foreach (var message in answer)
                if (message.Seq > _delivered) _early[message.Seq] = message;
            if (_delivered >= 0 && answer.Count > 0 && answer[0].Seq > _delivered + 1)
            {
                // Nothing below the answer will come any more: what is held there goes out, the holes between are given up on.
                while (_early.Count > 0 && _early.GetKeyAtIndex(0) is var next && next <= answer[0].Seq && next > _delivered + 1)
                {
                    skipped += next - 1 - _delivered;
                    _delivered = next - 1;
                    Release();
                }
            }
            if (_delivered >= 0) Release();
            gap = _delivered >= 0 && _early.Count > 0;
        }
        Flush();
        return gap;
    }

    public bool TryBeginFill()
    {
        lock (_gate)
        {
            if (_filling) return false;
            _filling = true;
            return true;
        }
    }

    public void EndFill() { lock (_gate) _filling = false; }

    /// <summary>Queues a send; callers hold the lock, so sends keep the order of the state changes. <see cref="Flush"/> sends it.</summary>
    public void Queue(Func<Task> send) => _outbox.Queue(send);

    /// <inheritdoc cref="OrderedSends.Flush"/>
    public void Flush() => _outbox.Flush();

    /// <inheritdoc cref="OrderedSends.Send"/>
    public void Send(Func<Task> send) => _outbox.Send(send);

    private void Release()
    {
        while (_early.Count > 0)
        {
            var seq = _early.GetKeyAtIndex(0);
            if (seq > _delivered + 1) break;
            var message = _early.GetValueAtIndex(0);
            _early.RemoveAt(0);
            if (seq <= _delivered) continue;
            _delivered = seq;
            Keep(message);

            List<string>? joining = null;
            foreach (var (connectionId, member) in _members)
            {
                if (member.Grouped || member.SeenUpTo >= seq) continue;
                member.Grouped = true;
                (joining ??= []).Add(connectionId);
            }
            var delivery = new Delivery(message, joining ?? (IReadOnlyList<string>)[]);
            Queue(() => deliver(this, delivery));
        }
    }
}
