using DeepWorkMap.Contracts.Api;
using DeepWorkMap.Contracts.Chat;
using DeepWorkMap.Grains.Chat;

namespace DeepWorkMap.UnitTests.Chat;

/// <summary>The messages a session grain holds: the newest few, found by id for retried sends, in seq order for reads.</summary>
public sealed class RecentMessagesTests
{
    private static readonly UserDto Author = new(Guid.NewGuid(), "ada", "Ada", null);

    [Fact]
    public void Holds_the_newest_messages_and_forgets_the_ids_of_those_it_let_go()
    {
        var recent = new RecentMessages(capacity: 50);
        var sent = Enumerable.Range(1, 60).Select(Message).ToList();
        foreach (var message in sent) recent.Add(message);

        Assert.Equal(60, recent.LastSeq);
        Assert.Equal(Enumerable.Range(11, 50).Select(i => (long)i), recent.OldestFirst().Select(m => m.Seq));
        Assert.Null(recent.Find(sent[9].Id));
        Assert.Same(sent[10], recent.Find(sent[10].Id));
        Assert.Same(sent[59], recent.Find(sent[59].Id));
    }

    [Fact]
    public void Loading_a_newest_first_page_replaces_what_was_held()
    {
        var recent = new RecentMessages(capacity: 3);
        var old = Message(1);
        recent.Add(old);

        recent.Load([Message(9), Message(8), Message(7), Message(6)]);

        Assert.Equal([7L, 8L, 9L], recent.OldestFirst().Select(m => m.Seq));
        Assert.Equal(9, recent.LastSeq);
        Assert.Null(recent.Find(old.Id));
        Assert.Equal([9L, 8L], recent.TryPage(null, 2)!.Select(m => m.Seq));
        Assert.Null(recent.TryPage(8, 5)); // seq 6 and below are only in the log
    }

    private static ChatMessage Message(int seq) => new(Guid.NewGuid(), Guid.Empty, seq, Author.Id, $"message {seq}", DateTimeOffset.UtcNow);
}
