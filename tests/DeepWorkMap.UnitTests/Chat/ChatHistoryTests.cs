using DeepWorkMap.Contracts.Chat;
using DeepWorkMap.Server.Chat;

namespace DeepWorkMap.UnitTests.Chat;

/// <summary>History leaves out the messages of users the reader blocked or who blocked the reader, and only those.</summary>
public sealed class ChatHistoryTests
{
    private static readonly Guid Ada = Guid.NewGuid(), Bob = Guid.NewGuid(), Cy = Guid.NewGuid();

    private static readonly ChatMessage[] Page =
        [Message(3, Ada), Message(2, Bob), Message(1, Cy)];

    private static ChatMessage Message(long seq, Guid author) => new(Guid.NewGuid(), Guid.Empty, seq, author, $"m{seq}", DateTimeOffset.UnixEpoch);

    [Fact]
    public void Nothing_hidden_shows_the_page_as_it_is() =>
        Assert.Same(Page, ChatHistory.Shown(Page, new HashSet<Guid>()));

    [Fact]
    public void A_hidden_author_is_left_out_and_the_order_kept() =>
        Assert.Equal([3L, 1L], ChatHistory.Shown(Page, new HashSet<Guid> { Bob }).Select(m => m.Seq));

    [Fact]
    public void Every_author_hidden_leaves_an_empty_page() =>
        Assert.Empty(ChatHistory.Shown(Page, new HashSet<Guid> { Ada, Bob, Cy }));
}
