using System.Threading.Channels;
using DeepWorkMap.Contracts.Chat;
using DeepWorkMap.Contracts.Sessions;

namespace DeepWorkMap.Server.Realtime;

/// <summary>A message and the connections it goes to.</summary>
public sealed record Delivery(ChatMessage Message, IReadOnlyList<string> ConnectionIds);

/// <summary>
/// One session as seen by this front door: the connections subscribed to it, and its messages put back
/// in seq order. A message is released only when every earlier one was, and at most once; each
/// connection gets only what came after the recent messages it was handed on subscribing.
/// </summary>
public sealed class LiveSession(Guid sessionId)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, (Guid UserId, long SeenUpTo)> _members = [];
    private readonly SortedDictionary<long, ChatMessage> _early = [];
    private long _delivered = -1; // -1: not known until the first subscriber says where it starts
    private int _joining;
    private bool _filling;

    public Guid SessionId { get; } = sessionId;

    /// <summary>Sends to this session's connections, one after another, in the order they were queued.</summary>
    public Channel<Func<Task>> Outbox { get; } = Channel.CreateUnbounded<Func<Task>>(new UnboundedChannelOptions { SingleReader = true });

    /// <summary>The status and seat count last relayed, to notice a change that was missed.</summary>
    public SessionSnapshot? LastSeen { get; set; }

    public long Delivered { get { lock (_gate) return _delivered; } }

    /// <summary>Nobody is subscribed or on the way: the session can stop being watched.</summary>
    public bool IsIdle { get { lock (_gate) return _members.Count == 0 && _joining == 0; } }

    public IReadOnlyList<string> Connections { get { lock (_gate) return [.. _members.Keys]; } }

    public IReadOnlyList<string> ConnectionsOf(Guid userId)
    {
        lock (_gate) return _members.Where(m => m.Value.UserId == userId).Select(m => m.Key).ToList();
    }

    /// <summary>A connection is subscribing; keeps the session from being dropped meanwhile.</summary>
    public void BeginJoin() { lock (_gate) _joining++; }

    public void AbandonJoin() { lock (_gate) _joining--; }

    /// <summary>Completes a subscription: the connection was handed messages up to <paramref name="seenUpTo"/>.</summary>
    public IReadOnlyList<Delivery> Join(string connectionId, Guid userId, long seenUpTo)
    {
        lock (_gate)
        {
            _joining--;
            _members[connectionId] = (userId, seenUpTo);
            if (_delivered < 0) _delivered = seenUpTo;
            return Release();
        }
    }

    public void Remove(string connectionId)
    {
        lock (_gate) _members.Remove(connectionId);
    }

    /// <summary>Takes a message as it arrives; answers what can now go out, in order.</summary>
    public IReadOnlyList<Delivery> Accept(ChatMessage message)
    {
        lock (_gate)
        {
            if (message.Seq > _delivered) _early[message.Seq] = message;
            return _delivered < 0 ? [] : Release();
        }
    }

    /// <summary>Messages wait for an earlier one that has not arrived.</summary>
    public bool HasGap { get { lock (_gate) return _delivered >= 0 && _early.Count > 0; } }

    /// <summary>Gives up on the missing messages (the client fills them from history) and releases what waited.</summary>
    public IReadOnlyList<Delivery> SkipGap()
    {
        lock (_gate)
        {
            if (_delivered >= 0 && _early.Count > 0) _delivered = _early.Keys.First() - 1;
            return Release();
        }
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

    private List<Delivery> Release()
    {
        var ready = new List<Delivery>();
        while (_early.Count > 0)
        {
            var (seq, message) = _early.First();
            if (seq > _delivered + 1) break;
            _early.Remove(seq);
            if (seq <= _delivered) continue;
            _delivered = seq;
            var to = _members.Where(m => m.Value.SeenUpTo < seq).Select(m => m.Key).ToList();
            if (to.Count > 0) ready.Add(new Delivery(message, to));
        }
        return ready;
    }
}
