using DeepWorkMap.Contracts.Api;
using DeepWorkMap.Server.Series;

namespace DeepWorkMap.UnitTests.Series;

/// <summary>What <c>POST /api/series</c> refuses before any grain is called, field by field, and the plan it makes.</summary>
public sealed class SeriesRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 5, 12, 0, 0, TimeSpan.Zero);

    private static readonly CreateSessionRequest Session =
        new("Reading group", "Literature", "silent", 52.52, 13.40, Now.AddHours(2), 60, 10);

    private static CreateSeriesRequest Request(IReadOnlyList<string>? days = null, int? weeks = 4, string? zone = "Europe/Berlin", string? visibility = null) =>
        new(Session with { Visibility = visibility }, days ?? ["monday", "saturday"], weeks, zone);

    private static Dictionary<string, string[]> Refused(CreateSeriesRequest? request)
    {
        var errors = new Dictionary<string, string[]>();
        Assert.Null(SeriesRules.Validate(request, Guid.NewGuid(), Now, errors));
        return errors;
    }

    [Fact]
    public void A_valid_request_plans_its_days_in_week_order_in_the_named_zone()
    {
        var errors = new Dictionary<string, string[]>();
        var plan = SeriesRules.Validate(Request(["saturday", "monday"]), Guid.NewGuid(), Now, errors);
        Assert.Empty(errors);
        Assert.Equal(["monday", "saturday"], plan!.DaysOfWeek);
        Assert.Equal((4, "Europe/Berlin"), (plan.Weeks, plan.TimeZone));
        Assert.NotEmpty(plan.Starts);
    }

    [Fact]
    public void A_series_is_public()
    {
        Assert.Contains("visibility", Refused(Request(visibility: "private")).Keys);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(13)]
    [InlineData(null)]
    public void Weeks_run_from_1_to_12(int? weeks)
    {
        Assert.Equal(["weeks"], Refused(Request(weeks: weeks)).Keys);
    }

    [Fact]
    public void Days_must_be_named_in_english_lower_case_and_at_least_one()
    {
        Assert.Equal(["daysOfWeek"], Refused(Request(days: ["Monday"])).Keys);
        Assert.Equal(["daysOfWeek"], Refused(Request(days: ["funday"])).Keys);
        Assert.Equal(["daysOfWeek"], Refused(Request(days: [])).Keys);
    }

    [Theory]
    [InlineData("Mars/Olympus")]
    [InlineData("W. Europe Standard Time")]
    [InlineData(" ")]
    [InlineData(null)]
    public void The_time_zone_is_an_IANA_name(string? zone)
    {
        Assert.Equal(["timeZone"], Refused(Request(zone: zone)).Keys);
    }

    [Fact]
    public void No_request_names_every_field_it_lacks()
    {
        var errors = Refused(null);
        Assert.Contains("daysOfWeek", errors.Keys);
        Assert.Contains("weeks", errors.Keys);
        Assert.Contains("timeZone", errors.Keys);
    }
}
