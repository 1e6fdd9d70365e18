using DeepWorkMap.Contracts.Api;
using DeepWorkMap.Server.Moderation;

namespace DeepWorkMap.UnitTests.Moderation;

/// <summary>What a report must say, and how the moderators' queue is paged: the fields at fault are named.</summary>
public sealed class ReportRulesTests
{
    private static (string? Details, string[] Faults) Validate(CreateReportRequest? request)
    {
        var errors = new Dictionary<string, string[]>();
        var details = ReportFiling.Validate(request, errors);
        return (details, errors.Keys.Order().ToArray());
    }

    [Fact]
    public void A_complete_report_keeps_its_details_trimmed() =>
        Assert.Equal(("He keeps posting links", []), Validate(new("message", Guid.NewGuid(), "spam", "  He keeps posting links \n")));

    [Fact]
    public void Blank_details_are_none() =>
        Assert.Equal((null, []), Validate(new("user", Guid.NewGuid(), "other", "   ")));

    [Fact]
    public void No_body_names_every_required_field() =>
        Assert.Equal(["reason", "targetId", "targetType"], Validate(null).Faults);

    [Theory]
    [InlineData("Session", "spam")]
    [InlineData("session", "Spam")]
    [InlineData("place", "rude")]
    public void Types_and_reasons_are_spelled_as_on_the_wire(string type, string reason)
    {
        var faults = Validate(new(type, Guid.NewGuid(), reason, null)).Faults;
        Assert.NotEmpty(faults);
        Assert.Subset(new HashSet<string> { "targetType", "reason" }, faults.ToHashSet());
    }

    [Fact]
    public void Details_longer_than_the_cap_are_refused() =>
        Assert.Equal(["details"], Validate(new("session", Guid.NewGuid(), "unsafe", new string('x', ReportVocabulary.MaxDetailsLength + 1))).Faults);

    [Theory]
    [InlineData(null, null, ReportQueue.DefaultPage, "")]
    [InlineData("1", null, 1, "")]
    [InlineData("100", null, 100, "")]
    [InlineData("0", null, null, "limit")]
    [InlineData("101", null, null, "limit")]
    [InlineData("+5", null, null, "limit")]
    [InlineData(" 5", null, null, "limit")]
    [InlineData(null, "not-a-cursor", ReportQueue.DefaultPage, "after")]
    public void A_page_of_open_reports_is_1_to_100_after_a_report_id(string? limit, string? after, int? size, string faults)
    {
        var errors = new Dictionary<string, string[]>();
        var page = ReportQueue.ReadPage(limit, after, errors);
        Assert.Equal(faults.Length == 0 ? [] : [faults], errors.Keys);
        if (size is not null) Assert.Equal(size, page.Size);
    }

    [Fact]
    public void A_cursor_is_the_id_it_names()
    {
        var id = Guid.NewGuid();
        Assert.Equal(id, ReportQueue.ReadPage(null, id.ToString(), []).After);
    }
}
