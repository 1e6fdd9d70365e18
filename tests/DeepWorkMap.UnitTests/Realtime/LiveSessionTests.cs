using DeepWorkMap.Contracts.Api;
using DeepWorkMap.Contracts.Chat;
using DeepWorkMap.Server.Realtime;

namespace DeepWorkMap.UnitTests.Realtime;

/// <summary>
/// The front door's per-session ordering, driven directly with the arrival orders a cluster can produce
/// (late, repeated, after a gap, a subscriber arriving mid-stream): what it sends, in what order, to whom.
/// </summary>
public sealed class LiveSessionTests
{
    private static readonly UserDto Author = new(Guid.NewGuid(), "ada", "Ada", null);
    private readonly Guid _sessionId = Guid.NewGuid();
    private readonly List<string> _sent = [];
    private readonly Dictionary<string, IReadOnlyList<ChatMessage>> _admitted = [];
    private readonly LiveSession _live;

    public LiveSessionTests()
    {
        _live = new LiveSession(_sessionId,
            (_, delivery) => Record(string.Concat(delivery.JoinGroupFirst.Select(c => $"+{c} ")) + $"group:{delivery.Message.Seq}"),
            (_, admission) =>
            {
                _admitted[admission.ConnectionId] = admission.CatchUp;
                return Record(string.Concat(admission.CatchUp.Select(m => $"{admission.ConnectionId}:{m.Seq} "))
                    + (admission.Complete ? "" : $"{admission.ConnectionId}:ask after {admission.SeenUpTo} through {admission.Through} ") + $"+{admission.ConnectionId}");
            });
    }

    private Task Record(string what)
    {
        _sent.Add(what.Trim());
        return Task.CompletedTask;
    }

    private ChatMessage Message(long seq) => new(Guid.NewGuid(), _sessionId, seq, Author.Id, $"m{seq}", DateTimeOffset.UtcNow);

    /// <summary>The session's recent messages as a subscription hands them over: the last (up to 50) through <paramref name="last"/>.</summary>
    private IReadOnlyList<ChatMessage> Handed(long last) => [.. Enumerable.Range((int)Math.Max(1, last - 49), (int)Math.Min(last, 50)).Select(seq => Message(seq))];

    /// <summary>What went out: every send here completes at once, so all of it has gone by the time a call returns.</summary>
    private Task<List<string>> SentAsync() => Task.FromResult(_sent);

    [Fact]
    public async Task Messages_go_out_in_seq_order_once_whatever_order_they_arrive_in()
    {
        _live.BeginJoin();
        _live.Join("a", Guid.NewGuid(), Handed(2), leavesBefore: 0);
        foreach (var seq in new long[] { 4, 3, 3, 2, 5, 4, 6 }) _live.Accept(Message(seq));

        Assert.Equal(["+a", "group:3", "group:4", "group:5", "group:6"], await SentAsync());
        Assert.False(_live.HasGap);
    }

    [Fact]
    public async Task A_subscription_whose_user_left_while_it_was_answered_joins_nothing_and_hears_nothing()
    {
        var user = Guid.NewGuid();
        _live.BeginJoin();
        _live.Join("still-here", Guid.NewGuid(), Handed(1), leavesBefore: 0);
        _live.BeginJoin();
        var leaves = _live.LeavesOf(user);
        // The session answered the subscription, then the user left; the leave's push came first and found no connection.
        Assert.Empty(_live.Left(user));

        Assert.False(_live.Join("ghost", user, Handed(1), leaves));
        Assert.Empty(_live.ConnectionsOf(user));
        _live.Accept(Message(2));
        Assert.Equal(["+still-here", "group:2"], await SentAsync());
        // Still joining, it asks again after the leave it heard of, and joins as any other; then nothing is left joining.
        Assert.True(_live.Join("back", user, Handed(2), _live.LeavesOf(user)));
        Assert.Equal(["back"], _live.ConnectionsOf(user));
        _live.Remove("still-here");
        _live.Remove("back");
        Assert.True(_live.IsIdle);
    }

    [Fact]
    public async Task A_gap_holds_later_messages_until_the_session_fills_it()
    {
        _live.BeginJoin();
        _live.Join("a", Guid.NewGuid(), Handed(0), leavesBefore: 0);
        _live.Accept(Message(1));
        _live.Accept(Message(3));
        _live.Accept(Message(4));
        Assert.True(_live.HasGap);
        Assert.Equal(["+a", "group:1"], await SentAsync());

        Assert.False(_live.AcceptFilled([Message(2), Message(3), Message(4)], out var skipped));
        Assert.Equal(0, skipped);
        Assert.Equal(["+a", "group:1", "group:2", "group:3", "group:4"], await SentAsync());
    }

    [Fact]
    public async Task A_message_that_arrives_during_the_ask_above_a_new_gap_waits_for_the_one_below_it()
    {
        _live.BeginJoin();
        _live.Join("a", Guid.NewGuid(), Handed(0), leavesBefore: 0);
        _live.Accept(Message(1));
        _live.Accept(Message(3)); // 2 missed: the session is asked for what follows 1
        _live.Accept(Message(6)); // meanwhile 4 and 5 were sent, and 6's push overtook them

        // The session answered before 4 and 5 were acknowledged: the gap below 6 is for asking again, not giving up.
        Assert.True(_live.AcceptFilled([Message(2), Message(3)], out var skipped));
        Assert.Equal(0, skipped);
        _live.Accept(Message(5));
        Assert.True(_live.AcceptFilled([Message(4), Message(5), Message(6)], out _) is false);

        Assert.Equal(["+a", "group:1", "group:2", "group:3", "group:4", "group:5", "group:6"], await SentAsync());
    }

    [Fact]
    public async Task A_fill_asks_again_while_messages_that_came_during_it_stand_above_a_gap()
    {
        _live.BeginJoin();
        _live.Join("a", Guid.NewGuid(), Handed(0), leavesBefore: 0);
        _live.Accept(Message(1));
        _live.Accept(Message(3));
        var asked = new List<long>();

        var (skipped, gapStands) = await _live.FillAsync(after =>
        {
            asked.Add(after);
            // The first answer left the session before 4 and 5 were acknowledged; 5's push overtook it.
            if (asked.Count == 1) _live.Accept(Message(5));
            return Task.FromResult<IReadOnlyList<ChatMessage>>(asked.Count == 1 ? [Message(2), Message(3)] : [Message(4), Message(5)]);
        });

        Assert.Equal([1L, 3L], asked);
        Assert.Equal((0L, false), (skipped, gapStands));
        Assert.Equal(["+a", "group:1", "group:2", "group:3", "group:4", "group:5"], await SentAsync());
    }

    [Fact]
    public async Task A_gap_no_answer_closes_is_held_after_a_few_asks_and_not_given_up_on()
    {
        _live.BeginJoin();
        _live.Join("a", Guid.NewGuid(), Handed(0), leavesBefore: 0);
        _live.Accept(Message(1));
        _live.Accept(Message(3));
        var asks = 0;

        var (skipped, gapStands) = await _live.FillAsync(_ =>
        {
            asks++;
            return Task.FromResult<IReadOnlyList<ChatMessage>>([]); // an answer from before 2 was acknowledged, each time
        });

        Assert.Equal(LiveSession.FillAsks, asks);
        Assert.Equal((0L, true), (skipped, gapStands));
        _live.Accept(Message(2)); // arrives late: still wanted
        Assert.Equal(["+a", "group:1", "group:2", "group:3"], await SentAsync());
    }

    [Fact]
    public async Task A_gap_older_than_the_sessions_answer_is_given_up_on_and_the_rest_goes_out()
    {
        _live.BeginJoin();
        _live.Join("a", Guid.NewGuid(), Handed(0), leavesBefore: 0);
        _live.Accept(Message(1));
        _live.Accept(Message(700));

        // The session hands back its newest 500 at most: 2…199 are older than its answer.
        Assert.False(_live.AcceptFilled([.. Enumerable.Range(200, 501).Select(seq => Message(seq))], out var skipped));
        Assert.Equal(198, skipped);
        _live.Accept(Message(2)); // too late: given up on

        Assert.Equal(["+a", "group:1", .. Enumerable.Range(200, 501).Select(seq => $"group:{seq}")], await SentAsync());
    }

    [Fact]
    public async Task A_subscriber_handed_more_than_was_relayed_enters_the_group_right_before_its_first_unseen_message()
    {
        _live.BeginJoin();
        _live.Join("a", Guid.NewGuid(), Handed(5), leavesBefore: 0);
        _live.BeginJoin();
        _live.Join("b", Guid.NewGuid(), Handed(7), leavesBefore: 0); // subscribed after 6 and 7 were accepted, before they reached this front door
        foreach (var seq in new long[] { 6, 7, 8 }) _live.Accept(Message(seq));

        Assert.Equal(["+a", "group:6", "group:7", "+b group:8"], await SentAsync());
    }

    [Fact]
    public async Task A_subscriber_handed_less_than_was_relayed_gets_the_difference_alone_then_the_group()
    {
        _live.BeginJoin();
        _live.Join("a", Guid.NewGuid(), Handed(0), leavesBefore: 0);
        foreach (var seq in new long[] { 1, 2, 3 }) _live.Accept(Message(seq));
        _live.BeginJoin();
        _live.Join("b", Guid.NewGuid(), Handed(1), leavesBefore: 0);
        _live.Accept(Message(4));

        Assert.Equal(["+a", "group:1", "group:2", "group:3", "b:2 b:3 +b", "group:4"], await SentAsync());
    }

    [Fact]
    public async Task A_subscriber_whose_answer_came_earlier_but_joins_after_a_later_one_gets_what_lies_between()
    {
        // a subscribed when the session's last message was 10, b when it was 12; b's subscription completed here first.
        _live.BeginJoin();
        _live.BeginJoin();
        _live.Join("b", Guid.NewGuid(), Handed(12), leavesBefore: 0);
        _live.Join("a", Guid.NewGuid(), Handed(10), leavesBefore: 0);
        _live.Accept(Message(13));

        Assert.Equal(["+b", "a:11 a:12 +a", "group:13"], await SentAsync());
    }

    [Fact]
    public async Task A_subscriber_further_behind_than_this_front_door_holds_is_caught_up_from_the_session()
    {
        _live.BeginJoin();
        _live.Join("a", Guid.NewGuid(), Handed(0), leavesBefore: 0);
        _live.Accept(Message(1));
        _live.Accept(Message(300)); // 2…299 missed here, more than a session hands back at once: given up on
        Assert.False(_live.AcceptFilled([.. Enumerable.Range(250, 51).Select(seq => Message(seq))], out var skipped));
        Assert.Equal(248, skipped);
        _live.BeginJoin();
        _live.Join("b", Guid.NewGuid(), Handed(100), leavesBefore: 0); // an answer from before the gap: this front door never held 101…249

        var sent = await SentAsync();
        Assert.Equal("b:ask after 100 through 300 +b", sent[^1].Replace(string.Concat(Enumerable.Range(250, 51).Select(seq => $"b:{seq} ")), ""));
    }

    [Fact]
    public async Task Giving_up_on_a_gap_keeps_a_message_held_below_the_sessions_answer()
    {
        _live.BeginJoin();
        _live.Join("a", Guid.NewGuid(), Handed(0), leavesBefore: 0);
        _live.Accept(Message(1));
        _live.Accept(Message(150)); // arrived, but 2…149 did not
        _live.Accept(Message(700));

        Assert.False(_live.AcceptFilled([.. Enumerable.Range(200, 501).Select(seq => Message(seq))], out var skipped));

        Assert.Equal(148 + 49, skipped); // 2…149 and 151…199: 150 is here, so it goes out
        Assert.Equal(["+a", "group:1", "group:150", .. Enumerable.Range(200, 501).Select(seq => $"group:{seq}")], await SentAsync());
    }

    [Fact]
    public async Task A_later_subscriber_caught_up_here_gets_a_message_as_it_was_last_changed()
    {
        _live.BeginJoin();
        _live.Join("a", Guid.NewGuid(), Handed(2), leavesBefore: 0);
        _live.Accept(Message(3));
        _live.Replace(Message(3).AsHidden()); // a moderator hid it after it went out
        _live.BeginJoin();
        _live.Join("b", Guid.NewGuid(), Handed(2), leavesBefore: 0); // its subscription was answered before 3

        Assert.Equal(["+a", "group:3", "b:3 +b"], await SentAsync());
        Assert.True(_admitted["b"].Single().Hidden);
    }

    [Fact]
    public async Task A_send_that_has_to_wait_holds_the_later_ones_back_until_it_is_done()
    {
        var sent = new List<long>();
        var firstSendDone = new TaskCompletionSource();
        var live = new LiveSession(_sessionId,
            async (_, delivery) =>
            {
                if (delivery.Message.Seq == 1) await firstSendDone.Task;
                lock (sent) sent.Add(delivery.Message.Seq);
            },
            (_, _) => Task.CompletedTask);
        live.BeginJoin();
        live.Join("a", Guid.NewGuid(), Handed(0), leavesBefore: 0);

        live.Accept(Message(1));
        live.Accept(Message(2));
        live.Accept(Message(3));
        Assert.Empty(sent);

        firstSendDone.SetResult();
        await WaitUntilAsync(() => { lock (sent) return sent.Count == 3; });
        Assert.Equal([1L, 2L, 3L], sent);
    }

    [Fact]
    public async Task Messages_released_on_many_threads_at_once_still_go_out_in_seq_order()
    {
        var sent = new List<long>();
        var live = new LiveSession(_sessionId,
            async (_, delivery) =>
            {
                if (delivery.Message.Seq % 7 == 0) await Task.Yield(); // some sends finish later, on another thread
                lock (sent) sent.Add(delivery.Message.Seq);
            },
            (_, _) => Task.CompletedTask);
        live.BeginJoin();
        live.Join("a", Guid.NewGuid(), Handed(0), leavesBefore: 0);

        const int count = 2000;
        await Parallel.ForAsync(1, count + 1, new ParallelOptions { MaxDegreeOfParallelism = 4 }, (seq, _) =>
        {
            live.Accept(Message(seq));
            return ValueTask.CompletedTask;
        });

        await WaitUntilAsync(() => { lock (sent) return sent.Count == count; });
        Assert.Equal(Enumerable.Range(1, count).Select(i => (long)i), sent);
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!condition() && DateTime.UtcNow < deadline) await Task.Delay(10);
    }
}
