using DeepWorkMap.Server.Notifications;

namespace DeepWorkMap.UnitTests.Notifications;

/// <summary>The inbox's paging: 30 newest by default, at most 100, older than a notification id.</summary>
public sealed class InboxPageTests
{
    [Theory]
    [InlineData(null, null, Inbox.DefaultPageSize, "")]
    [InlineData(null, "100", 100, "")]
    [InlineData(null, "0", null, "limit")]
    [InlineData(null, "101", null, "limit")]
    [InlineData(null, "ten", null, "limit")]
    [InlineData("42", null, Inbox.DefaultPageSize, "before")]
    [InlineData("42", "-1", null, "before,limit")]
    public void A_page_is_1_to_100_before_a_notification_id(string? before, string? limit, int? size, string faults)
    {
        var errors = new Dictionary<string, string[]>();
        var page = Inbox.ReadPage(before, limit, errors);
        Assert.Equal(faults.Length == 0 ? [] : faults.Split(','), errors.Keys.Order());
        if (size is not null) Assert.Equal(size, page.Size);
    }

    [Fact]
    public void Before_is_the_id_it_names()
    {
        var id = Guid.NewGuid();
        Assert.Equal(id, Inbox.ReadPage(id.ToString(), null, []).Before);
    }
}
