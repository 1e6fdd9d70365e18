using DeepWorkMap.Contracts;
using DeepWorkMap.Contracts.Chat;
using DeepWorkMap.Grains.Chat;

namespace DeepWorkMap.UnitTests.Chat;

/// <summary>Who may change a sent message, and until when.</summary>
public sealed class MessageEditsTests
{
    private static readonly Guid Sender = Guid.NewGuid();
    private static readonly DateTimeOffset SentAt = new(2026, 12, 5, 10, 0, 0, TimeSpan.Zero);
    private static readonly ChatMessage Sent = new(Guid.NewGuid(), Guid.NewGuid(), 7, Sender, "hello", SentAt);

    [Fact]
    public void The_sender_may_change_it_until_15_minutes_after_sending_and_not_a_moment_later()
    {
        Assert.Null(MessageEdits.Refusal(Sent, Sender, SentAt));
        Assert.Null(MessageEdits.Refusal(Sent, Sender, SentAt.AddMinutes(15)));
        Assert.Equal(ErrorCodes.EditWindowClosed, MessageEdits.Refusal(Sent, Sender, SentAt.AddMinutes(15).AddTicks(1)));
        Assert.Equal(ErrorCodes.EditWindowClosed, MessageEdits.Refusal(Sent, Sender, SentAt.AddDays(1)));
    }

    [Fact]
    public void Nobody_else_may_change_it_even_within_the_window()
    {
        Assert.Equal(ErrorCodes.NotAuthor, MessageEdits.Refusal(Sent, Guid.NewGuid(), SentAt.AddMinutes(1)));
    }

    [Fact]
    public void A_deleted_message_stays_deleted_and_a_hidden_one_is_not_there_for_its_sender()
    {
        var deleted = Sent.Changed(null, SentAt.AddMinutes(1));
        Assert.Equal(("", true, SentAt.AddMinutes(1)), (deleted.Content, deleted.Deleted, deleted.EditedAt));
        Assert.Equal(ErrorCodes.MessageDeleted, MessageEdits.Refusal(deleted, Sender, SentAt.AddMinutes(2)));
        Assert.Equal(ErrorCodes.NotFound, MessageEdits.Refusal(Sent.AsHidden(), Sender, SentAt.AddMinutes(2)));
        Assert.Equal(ErrorCodes.NotFound, MessageEdits.Refusal(Sent.AsHidden(), Guid.NewGuid(), SentAt.AddMinutes(2)));
    }

    [Fact]
    public void An_edit_keeps_the_message_in_its_place_with_new_words_and_its_time()
    {
        var edited = Sent.Changed("hello, all", SentAt.AddMinutes(3));
        Assert.Equal((Sent.Id, Sent.Seq, Sent.CreatedAt, "hello, all", SentAt.AddMinutes(3), false),
            (edited.Id, edited.Seq, edited.CreatedAt, edited.Content, edited.EditedAt, edited.Deleted));
    }

    [Fact]
    public void The_grain_memory_shows_a_change_in_the_messages_place()
    {
        var recent = new RecentMessages(capacity: 3);
        var messages = Enumerable.Range(1, 3).Select(i => Sent with { Id = Guid.NewGuid(), Seq = i }).ToList();
        foreach (var message in messages) recent.Add(message);
        var changed = messages[1].Changed("new words", SentAt.AddMinutes(1));

        Assert.True(recent.Replace(changed));
        Assert.Equal([messages[0], changed, messages[2]], recent.OldestFirst());
        Assert.Same(changed, recent.FindSeq(2));
        Assert.Same(changed, recent.Find(changed.Id));
        Assert.Null(recent.FindSeq(4));
        Assert.False(recent.Replace(Sent with { Id = Guid.NewGuid(), Seq = 9 }));
    }
}
