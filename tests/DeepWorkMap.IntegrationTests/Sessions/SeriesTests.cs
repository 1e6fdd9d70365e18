using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DeepWorkMap.Contracts.Api;
using DeepWorkMap.IntegrationTests.Infrastructure;

namespace DeepWorkMap.IntegrationTests.Sessions;

/// <summary>
/// Weekly series on PostgreSQL, with the server's clock set to 1 February 2027 so a series runs across the US
/// change to daylight time (14 March 2027).
/// </summary>
public sealed class SeriesTests : IClassFixture<ClockedDurableServerFixture>
{
    private static readonly DateTimeOffset Now = new(2027, 2, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeZoneInfo NewYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");
    private readonly ClockedDurableServerFixture _fixture;
    private readonly RunningServer _server;

    public SeriesTests(ClockedDurableServerFixture fixture)
    {
        _fixture = fixture;
        _server = fixture.Server;
        var behind = Now - fixture.Clock.GetUtcNow();
        if (behind > TimeSpan.FromHours(1)) fixture.Clock.Advance(behind);
    }

    [Fact]
    public async Task A_series_meets_at_six_pm_new_york_time_before_and_after_the_clocks_change_and_can_be_joined_and_cancelled_whole()
    {
        var (host, hostAuth) = await _server.SignUpAsync();
        var (regular, regularAuth) = await _server.SignUpAsync();
        var (early, _) = await _server.SignUpAsync();
        // Tuesday 2 February 2027, 18:00 EST = 23:00 UTC; Tuesdays and Thursdays for 8 weeks.
        var created = await host.PostAsJsonAsync("/api/series", Request(new DateTimeOffset(2027, 2, 2, 23, 0, 0, TimeSpan.Zero), ["tuesday", "thursday"], 8, "America/New_York", capacity: 2));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var series = (await created.Content.ReadFromJsonAsync<SeriesDto>())!;
        Assert.Equal(created.Headers.Location!.ToString(), $"/api/series/{series.Id}");
        Assert.Equal(["tuesday", "thursday"], series.DaysOfWeek);
        Assert.Equal((8, "America/New_York"), (series.Weeks, series.TimeZone));
        Assert.Equal(16, series.Sessions.Count);
        Assert.All(series.Sessions, s => Assert.Equal((series.Id, new TimeSpan(18, 0, 0), "host"), (s.SeriesId!.Value, TimeZoneInfo.ConvertTime(s.StartTime, NewYork).TimeOfDay, s.MyRole)));
        Assert.Equal(23, series.Sessions.First(s => s.StartTime < new DateTimeOffset(2027, 3, 14, 0, 0, 0, TimeSpan.Zero)).StartTime.UtcDateTime.Hour);
        Assert.Equal(22, series.Sessions.First(s => s.StartTime > new DateTimeOffset(2027, 3, 15, 0, 0, 0, TimeSpan.Zero)).StartTime.UtcDateTime.Hour);
        // Beyond the 30 days a single session may lie ahead.
        Assert.True(series.Sessions[^1].StartTime > Now.AddDays(50));

        // One occurrence is full already: joining the series waits in line there and takes a seat everywhere else.
        var third = series.Sessions[2].Id;
        (await early.PostAsync($"/api/sessions/{third}/join", null)).EnsureSuccessStatusCode();
        var joined = (await (await regular.PostAsync($"/api/series/{series.Id}/join", null)).Content.ReadFromJsonAsync<SeriesDto>())!;
        Assert.Empty(joined.Skipped!);
        Assert.Equal(15, joined.Sessions.Count(s => s.MyRole == "participant"));
        Assert.Equal(("waitlisted", 1), (joined.Sessions.Single(s => s.Id == third).MyRole, joined.Sessions.Single(s => s.Id == third).WaitlistPosition));

        // The first occurrence goes live; cancelling the series calls off only those still to come.
        _fixture.Clock.Advance(new DateTimeOffset(2027, 2, 2, 23, 30, 0, TimeSpan.Zero) - _fixture.Clock.GetUtcNow());
        // A day and a half on, the first tokens have expired: both sign in again.
        (host, regular) = (await SignInAsync(hostAuth), await SignInAsync(regularAuth));
        await Problem.ExpectAsync(await regular.PostAsJsonAsync($"/api/series/{series.Id}/cancel", new { }), HttpStatusCode.Forbidden, "not_host");
        var cancelled = (await (await host.PostAsJsonAsync($"/api/series/{series.Id}/cancel", new { reason = "Semester over" })).Content.ReadFromJsonAsync<SeriesDto>())!;
        Assert.Equal("live", cancelled.Sessions[0].Status);
        Assert.All(cancelled.Sessions.Skip(1), s => Assert.Equal(("cancelled", "Semester over"), (s.Status, s.CancelReason)));
        Assert.Equal(15L, await _fixture.Database.ScalarAsync<long>("SELECT count(*) FROM study_sessions WHERE series_id = $1 AND status = 'cancelled'", series.Id));
        var read = (await _server.CreateClient().GetFromJsonAsync<SeriesDto>($"/api/series/{series.Id}"))!;
        Assert.Equal(16, read.Sessions.Count);
        Assert.All(read.Sessions, s => Assert.Null(s.Host));
    }

    [Fact]
    public async Task Bad_plans_are_refused_field_by_field()
    {
        var (host, _) = await _server.SignUpAsync();
        var start = Now.AddDays(1);
        var bad = await Problem.ExpectAsync(await host.PostAsJsonAsync("/api/series", Request(start, ["tuesday", "someday"], 13, "Mars/Olympus_Mons")), HttpStatusCode.BadRequest, "validation_failed");
        Assert.Equal(["daysOfWeek", "timeZone", "weeks"], bad.Errors.Keys.Order());
        var privateSeries = Request(start, ["monday"], 2, "Europe/Berlin") with { Session = Request(start, ["monday"], 2, "Europe/Berlin").Session! with { Visibility = "private" } };
        Assert.Contains("visibility", (await Problem.ExpectAsync(await host.PostAsJsonAsync("/api/series", privateSeries), HttpStatusCode.BadRequest, "validation_failed")).Errors.Keys);
        Assert.Contains("startTime", (await Problem.ExpectAsync(await host.PostAsJsonAsync("/api/series", Request(Now.AddDays(40), ["monday"], 2, "Europe/Berlin")), HttpStatusCode.BadRequest, "validation_failed")).Errors.Keys);
        await Problem.ExpectAsync(await host.GetAsync($"/api/series/{Guid.NewGuid()}"), HttpStatusCode.NotFound, "not_found");
    }

    /// <summary>docs/api.md: only a join's or a cancel's answer lists <c>skipped</c>; creating and reading a series leave it out.</summary>
    [Fact]
    public async Task Skipped_is_in_the_answers_of_join_and_cancel_only()
    {
        var (host, _) = await _server.SignUpAsync();
        var (guest, _) = await _server.SignUpAsync();
        var created = await host.PostAsJsonAsync("/api/series", Request(Now.AddDays(2), ["monday"], 2, "UTC"));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        using var createdJson = JsonDocument.Parse(await created.Content.ReadAsStringAsync());
        Assert.False(createdJson.RootElement.TryGetProperty("skipped", out _), createdJson.RootElement.GetRawText());
        var id = createdJson.RootElement.GetProperty("id").GetGuid();

        using var read = JsonDocument.Parse(await guest.GetStringAsync($"/api/series/{id}"));
        Assert.False(read.RootElement.TryGetProperty("skipped", out _));
        using var joined = JsonDocument.Parse(await (await guest.PostAsync($"/api/series/{id}/join", null)).Content.ReadAsStringAsync());
        Assert.Equal(JsonValueKind.Array, joined.RootElement.GetProperty("skipped").ValueKind);
        using var cancelled = JsonDocument.Parse(await (await host.PostAsJsonAsync($"/api/series/{id}/cancel", new { })).Content.ReadAsStringAsync());
        Assert.Equal(JsonValueKind.Array, cancelled.RootElement.GetProperty("skipped").ValueKind);
    }

    private async Task<HttpClient> SignInAsync(AuthResult auth)
    {
        var response = await _server.CreateClient().PostAsJsonAsync("/api/auth/login", new { login = auth.User.Username, password = "correct horse battery" });
        response.EnsureSuccessStatusCode();
        return _server.CreateClient((await response.Content.ReadFromJsonAsync<AuthResult>())!.Token);
    }

    private static CreateSeriesRequest Request(DateTimeOffset start, string[] days, int weeks, string timeZone, int capacity = 10) => new(
        new CreateSessionRequest("Study group", "Statistics", "discussion", 40.73, -73.99, start, 90, capacity),
        days, weeks, timeZone);
}
