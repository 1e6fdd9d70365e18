using DeepWorkMap.Contracts;
using DeepWorkMap.Server.Stats;

namespace DeepWorkMap.UnitTests.Stats;

/// <summary>The days <c>GET /api/me/stats</c> answers for: its defaults, its longest range, and the field a bad day is named by.</summary>
public sealed class FocusRangeTests
{
    private static readonly DateOnly Today = new(2026, 12, 5);

    private static (DateOnly First, DateOnly Last) Days(string? from, string? to)
    {
        var (range, refusal) = FocusRange.Read(from, to, Today);
        Assert.Null(refusal);
        return range!.Value;
    }

    private static IDictionary<string, string[]> Refused(string? from, string? to)
    {
        var (range, refusal) = FocusRange.Read(from, to, Today);
        Assert.Null(range);
        Assert.Equal((400, ErrorCodes.ValidationFailed), (refusal!.Status, refusal.Code));
        return refusal.Errors!;
    }

    [Fact]
    public void Without_days_the_last_thirty_days_up_to_today_in_the_callers_zone()
    {
        Assert.Equal((new DateOnly(2026, 11, 6), Today), Days(null, null));
    }

    [Fact]
    public void Only_to_counts_thirty_days_back_from_it_and_only_from_runs_to_today()
    {
        Assert.Equal((new DateOnly(2026, 1, 2), new DateOnly(2026, 1, 31)), Days(null, "2026-01-31"));
        Assert.Equal((new DateOnly(2026, 12, 1), Today), Days("2026-12-01", null));
    }

    [Fact]
    public void A_range_holds_at_most_366_days_and_never_runs_backwards()
    {
        Assert.Equal((new DateOnly(2024, 1, 1), new DateOnly(2024, 12, 31)), Days("2024-01-01", "2024-12-31"));
        Assert.Contains("from", Refused("2023-12-31", "2024-12-31").Keys);
        Assert.Contains("from", Refused("2026-12-06", "2026-12-05").Keys);
        Assert.Equal((Today, Today), Days("2026-12-05", "2026-12-05"));
    }

    [Theory]
    [InlineData("05/12/2026")]
    [InlineData("2026-12-5")]
    [InlineData("2026-02-30")]
    [InlineData("1969-12-31")]
    [InlineData("3000-01-01")]
    [InlineData("")]
    public void A_day_that_is_not_yyyy_MM_dd_within_the_calendar_names_its_field(string bad)
    {
        Assert.Equal(["to"], Refused("2026-01-01", bad).Keys);
        Assert.Equal(["from"], Refused(bad, "2026-01-01").Keys);
        Assert.Equal(["from", "to"], Refused(bad, bad).Keys.Order());
    }

    [Fact]
    public void The_calendars_first_and_last_days_are_accepted()
    {
        Assert.Equal((new DateOnly(1970, 1, 1), new DateOnly(1970, 1, 30)), Days(null, "1970-01-30"));
        Assert.Equal((new DateOnly(2999, 12, 31), new DateOnly(2999, 12, 31)), Days("2999-12-31", "2999-12-31"));
    }
}
