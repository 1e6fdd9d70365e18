using System.Net;
using System.Net.Http.Json;
using DeepWorkMap.Contracts.Api;
using DeepWorkMap.IntegrationTests.Infrastructure;
using DeepWorkMap.Server.Time;
using Microsoft.AspNetCore.SignalR.Client;

namespace DeepWorkMap.IntegrationTests.FocusRoom;

/// <summary>
/// Focus minutes, days, streaks and the weekly leaderboard, on PostgreSQL, with the server's clock driven through
/// timer phases, days and a move to another time zone.
/// </summary>
public sealed class FocusStatsTests(ClockedDurableServerFixture fixture) : IClassFixture<ClockedDurableServerFixture>, IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);
    private static readonly TimeZoneInfo Berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");
    private static readonly TimeZoneInfo NewYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");
    private RunningServer Server => fixture.Server;

    private DateTimeOffset Now => fixture.Clock.GetUtcNow();

    /// <summary>Each user's signed-in client; tokens live 12 hours, so moving the clock by days signs everyone in again.</summary>
    private readonly Dictionary<string, (HttpClient Client, AuthResult Auth)> _signedIn = [];

    private async Task<(HttpClient Client, AuthResult Auth)> AsAsync(string username)
    {
        if (_signedIn.TryGetValue(username, out var known) && known.Auth.ExpiresAt > Now.AddHours(1)) return known;
        return _signedIn[username] = await Server.LogInAsync(username);
    }

    public void Dispose()
    {
        foreach (var (client, _) in _signedIn.Values) client.Dispose();
    }

    /// <summary>One person in a room: their client and their hub connection, subscribed to the session.</summary>
    private sealed record Seat(string Username, Guid UserId, HttpClient Client, HubListener Hub);

    /// <summary>A session of <paramref name="people"/> (the first hosts) starting in a minute, each subscribed; then the clock moves to its start.</summary>
    private async Task<(Guid SessionId, Seat[] Seats)> MeetAsync(string[] people, int durationMinutes, object? timer = null)
    {
        var seats = new List<Seat>();
        Guid sessionId = default;
        foreach (var username in people)
        {
            var (client, auth) = await AsAsync(username);
            if (seats.Count == 0)
            {
                var created = await client.PostAsJsonAsync("/api/sessions", new
                {
                    title = "Deep work", subject = "Thesis", sessionType = "silent", latitude = 52.52, longitude = 13.405,
                    startTime = Now.AddMinutes(1), durationMinutes, timer,
                });
                created.EnsureSuccessStatusCode();
                sessionId = (await created.Content.ReadFromJsonAsync<SessionDto>())!.Id;
            }
            else (await client.PostAsync($"/api/sessions/{sessionId}/join", null)).EnsureSuccessStatusCode();
            var hub = await HubListener.ConnectAsync(Server, auth.Token);
            await hub.Connection.InvokeAsync<SubscribeResult>("SubscribeSession", sessionId.ToString());
            seats.Add(new Seat(username, auth.User.Id, client, hub));
        }
        fixture.Clock.Advance(TimeSpan.FromMinutes(1));
        foreach (var seat in seats) await PresenceIsAsync(seats[0], sessionId, seat, timer is null ? "online" : "focusing");
        return (sessionId, [.. seats]);
    }

    private static async Task LeaveAsync(Seat[] seats)
    {
        foreach (var seat in seats) await seat.Hub.DisposeAsync();
    }

    private static Task PresenceIsAsync(Seat viewer, Guid sessionId, Seat of, string state) =>
        Eventually.HoldsAsync(async () =>
            (await viewer.Client.GetFromJsonAsync<List<ParticipantDto>>($"/api/sessions/{sessionId}/participants"))!.Single(p => p.User.Id == of.UserId).Presence == state,
            Patience, $"{of.Username} {state}");

    private async Task<FocusStatsDto> StatsAsync(string username, DateOnly from, DateOnly to)
    {
        var (client, _) = await AsAsync(username);
        return (await client.GetFromJsonAsync<FocusStatsDto>($"/api/me/stats?from={from:yyyy-MM-dd}&to={to:yyyy-MM-dd}"))!;
    }

    /// <summary>Waits until the day holds at least <paramref name="minutes"/> (the session writes within seconds), then expects exactly that.</summary>
    private async Task ExpectDayAsync(string username, DateOnly day, int minutes)
    {
        var deadline = DateTime.UtcNow + Patience;
        int seen;
        while ((seen = (await StatsAsync(username, day, day)).TotalMinutes) < minutes && DateTime.UtcNow < deadline) await Task.Delay(250);
        Assert.Equal(minutes, seen);
    }

    /// <summary>Moves the server's clock on to the next <paramref name="hour"/> o'clock in <paramref name="zone"/>; answers that local day.</summary>
    private DateOnly MoveToNext(int hour, TimeZoneInfo zone)
    {
        var local = TimeZoneInfo.ConvertTime(Now, zone).DateTime;
        var target = local.Date.AddHours(hour);
        if (target <= local) target = target.AddDays(1);
        fixture.Clock.Advance(WallClock.InstantOf(target, zone) - Now);
        return DateOnly.FromDateTime(target);
    }

    private async Task<string> SignUpInAsync(string zone)
    {
        var (client, auth) = await Server.SignUpAsync();
        _signedIn[auth.User.Username] = (client, auth);
        (await client.PutAsJsonAsync("/api/me/preferences", new { reminderMinutes = 15, timeZone = zone })).EnsureSuccessStatusCode();
        return auth.User.Username;
    }

    [Fact]
    public async Task Focus_phases_count_exactly_days_make_streaks_and_a_move_to_another_zone_keeps_the_days_counted()
    {
        var ada = await SignUpInAsync("Europe/Berlin");
        var ben = await SignUpInAsync("Europe/Berlin");

        // Day 1, 25/5 × 2: Ada is there throughout; Ben turns away a minute into the second focus phase.
        var day1 = MoveToNext(10, Berlin);
        var (sessionId, seats) = await MeetAsync([ada, ben], 60, new { focusMinutes = 25, breakMinutes = 5, cycles = 2 });
        fixture.Clock.Advance(TimeSpan.FromMinutes(26));
        await PresenceIsAsync(seats[0], sessionId, seats[0], "break");
        fixture.Clock.Advance(TimeSpan.FromMinutes(5));
        await PresenceIsAsync(seats[0], sessionId, seats[1], "focusing");
        await seats[1].Hub.Connection.InvokeAsync("SetPresence", sessionId.ToString(), "away");
        await PresenceIsAsync(seats[0], sessionId, seats[1], "away");
        fixture.Clock.Advance(TimeSpan.FromMinutes(30));
        await ExpectDayAsync(ada, day1, 50); // 25 + 25: breaks and the end do not count
        await ExpectDayAsync(ben, day1, 26); // 25 + 1
        await LeaveAsync(seats);

        // Day 2: 25 minutes with no timer (the live session counts); day 3: 24 minutes, one short of a streak day.
        var day2 = MoveToNext(10, Berlin);
        (_, seats) = await MeetAsync([ada], 25);
        fixture.Clock.Advance(TimeSpan.FromMinutes(26));
        await ExpectDayAsync(ada, day2, 25);
        await LeaveAsync(seats);
        var day3 = MoveToNext(10, Berlin);
        (_, seats) = await MeetAsync([ada], 24);
        fixture.Clock.Advance(TimeSpan.FromMinutes(25));
        await ExpectDayAsync(ada, day3, 24);
        await LeaveAsync(seats);

        var stats = await StatsAsync(ada, day1, day3);
        Assert.Equal([50, 25, 24], stats.Days.Select(d => d.FocusedMinutes));
        Assert.Equal((99, 2, 2, 25, "Europe/Berlin"), (stats.TotalMinutes, stats.CurrentStreak, stats.BestStreak, stats.StreakMinutes, stats.TimeZone));
        var bens = await StatsAsync(ben, day1, day3);
        Assert.Equal((26, 0, 1), (bens.TotalMinutes, bens.CurrentStreak, bens.BestStreak));

        // The next day, nothing yet: yesterday's 24 minutes broke the streak.
        MoveToNext(10, Berlin);
        Assert.Equal((0, 2), ((await StatsAsync(ada, day1, day3)).CurrentStreak, (await StatsAsync(ada, day1, day3)).BestStreak));

        // Ada moves to New York and studies at 19:00 there (01:00 the next day in Berlin): the day is New York's,
        // and the days already counted stay where they were.
        var (adaClient, _) = await AsAsync(ada);
        (await adaClient.PutAsJsonAsync("/api/me/preferences", new { reminderMinutes = 15, timeZone = "America/New_York" })).EnsureSuccessStatusCode();
        var day4 = MoveToNext(19, NewYork);
        (_, seats) = await MeetAsync([ada], 30);
        fixture.Clock.Advance(TimeSpan.FromMinutes(31));
        await ExpectDayAsync(ada, day4, 30);
        await LeaveAsync(seats);
        var moved = await StatsAsync(ada, day1, day4);
        Assert.Equal("America/New_York", moved.TimeZone);
        Assert.Equal(day4.DayNumber - day1.DayNumber + 1, moved.Days.Count);
        Assert.Equal((50, 25, 24, 30), (moved.Days[0].FocusedMinutes, moved.Days[1].FocusedMinutes, moved.Days[2].FocusedMinutes, moved.Days[^1].FocusedMinutes));
        Assert.Equal((129, 1, 2), (moved.TotalMinutes, moved.CurrentStreak, moved.BestStreak));
    }

    [Fact]
    public async Task The_weekly_leaderboard_ranks_me_and_whom_I_follow_and_hidden_stats_stay_hidden()
    {
        var (ada, cy, dee, ben) = (await SignUpInAsync("UTC"), await SignUpInAsync("UTC"), await SignUpInAsync("UTC"), await SignUpInAsync("UTC"));
        var (cyClient, cyAuth) = await AsAsync(cy);
        (await cyClient.PutAsJsonAsync("/api/me/preferences", new { reminderMinutes = 15, timeZone = "UTC", statsHidden = true })).EnsureSuccessStatusCode();

        // A Wednesday morning: the week's Monday is two days back.
        var wednesday = MoveToNext(10, TimeZoneInfo.Utc);
        while (wednesday.DayOfWeek != DayOfWeek.Wednesday) wednesday = MoveToNext(10, TimeZoneInfo.Utc);
        var (sessionId, seats) = await MeetAsync([ada, cy, dee, ben], 30);
        fixture.Clock.Advance(TimeSpan.FromMinutes(10));
        await seats[3].Hub.Connection.InvokeAsync("SetPresence", sessionId.ToString(), "away");
        await PresenceIsAsync(seats[0], sessionId, seats[3], "away");
        fixture.Clock.Advance(TimeSpan.FromMinutes(10));
        await seats[2].Hub.Connection.InvokeAsync("UnsubscribeSession", sessionId.ToString());
        await PresenceIsAsync(seats[0], sessionId, seats[2], "offline");
        fixture.Clock.Advance(TimeSpan.FromMinutes(11));
        await ExpectDayAsync(ada, wednesday, 30);
        await LeaveAsync(seats);

        var (benClient, benAuth) = await AsAsync(ben);
        foreach (var followed in new[] { seats[0], seats[1], seats[2] })
            (await benClient.PostAsync($"/api/users/{followed.UserId}/follow", null)).EnsureSuccessStatusCode();
        // Today counts for Ben himself, and for nobody else yet: minutes growing now would tell him who is focusing now.
        var board = (await benClient.GetFromJsonAsync<LeaderboardDto>("/api/me/leaderboard"))!;
        Assert.Equal((wednesday.AddDays(-2), wednesday.AddDays(4), "UTC"), (board.WeekStart, board.WeekEnd, board.TimeZone));
        Assert.Equal((1, benAuth.User.Id, 10), board.Entries.Where(e => e.Me).Select(e => (e.Rank, e.User.Id, e.FocusedMinutes)).Single());
        Assert.Equal([0, 0], board.Entries.Where(e => !e.Me).Select(e => e.FocusedMinutes));
        var adasToday = (await benClient.GetFromJsonAsync<PublicStatsDto>($"/api/users/{seats[0].UserId}/stats"))!;
        Assert.Equal((0, 0, 0, 0), (adasToday.TotalMinutes, adasToday.WeekMinutes, adasToday.CurrentStreak, adasToday.BestStreak));
        // Nor does a zone of Ben's choosing whose midnight has just passed (Tonga's, UTC+13, at 11:1x UTC) show them: each
        // person's today starts at their own midnight.
        fixture.Clock.Advance(TimeSpan.FromMinutes(40));
        (await benClient.PutAsJsonAsync("/api/me/preferences", new { reminderMinutes = 15, timeZone = "Pacific/Tongatapu" })).EnsureSuccessStatusCode();
        board = (await benClient.GetFromJsonAsync<LeaderboardDto>("/api/me/leaderboard"))!;
        Assert.Equal(("Pacific/Tongatapu", wednesday.AddDays(-2)), (board.TimeZone, board.WeekStart));
        Assert.Equal([0, 0], board.Entries.Where(e => !e.Me).Select(e => e.FocusedMinutes));
        (await benClient.PutAsJsonAsync("/api/me/preferences", new { reminderMinutes = 15, timeZone = "UTC" })).EnsureSuccessStatusCode();

        // Cy keeps their stats to themselves, but sees them; Ada's summary is anyone's to read. (The clock moved by up to
        // a week since Cy signed in: sign in again.)
        (cyClient, cyAuth) = await AsAsync(cy);
        await Problem.ExpectAsync(await benClient.GetAsync($"/api/users/{cyAuth.User.Id}/stats"), HttpStatusCode.Forbidden, "stats_hidden");
        Assert.Equal(30, (await cyClient.GetFromJsonAsync<PublicStatsDto>($"/api/users/{cyAuth.User.Id}/stats"))!.TotalMinutes);
        Assert.True((await cyClient.GetFromJsonAsync<FocusStatsDto>("/api/me/stats"))!.Hidden);
        await Problem.ExpectAsync(await benClient.GetAsync($"/api/users/{Guid.NewGuid()}/stats"), HttpStatusCode.NotFound, "not_found");

        // The export holds the stretch itself.
        var stretch = Assert.Single((await benClient.GetFromJsonAsync<AccountExport>("/api/me/export"))!.FocusTime);
        Assert.Equal((sessionId, 10, "UTC"), (stretch.SessionId, (int)(stretch.EndedAt - stretch.StartedAt).TotalMinutes, stretch.TimeZone));

        // The default range is the last 30 days, today included, every day present.
        var recent = (await benClient.GetFromJsonAsync<FocusStatsDto>("/api/me/stats"))!;
        Assert.Equal((30, wednesday, 10), (recent.Days.Count, recent.To, recent.Days[^1].FocusedMinutes));
        foreach (var bad in new[] { "from=2026-13-01", "to=tomorrow", "from=2026-12-02&to=2026-12-01", "from=2025-01-01&to=2026-12-01" })
            await Problem.ExpectAsync(await benClient.GetAsync($"/api/me/stats?{bad}"), HttpStatusCode.BadRequest, "validation_failed");
        await Problem.ExpectAsync(await Server.CreateClient().GetAsync("/api/me/stats"), HttpStatusCode.Unauthorized, "unauthorized");

        // The next day, Wednesday is everyone's to see.
        fixture.Clock.Advance(TimeSpan.FromDays(1));
        board = (await benClient.GetFromJsonAsync<LeaderboardDto>("/api/me/leaderboard"))!;
        Assert.Equal([(1, seats[0].UserId, 30, false), (2, seats[2].UserId, 20, false), (3, benAuth.User.Id, 10, true)],
            board.Entries.Select(e => (e.Rank, e.User.Id, e.FocusedMinutes, e.Me)));
        var adas = (await benClient.GetFromJsonAsync<PublicStatsDto>($"/api/users/{seats[0].UserId}/stats"))!;
        Assert.Equal((30, 30, 1, 1), (adas.TotalMinutes, adas.WeekMinutes, adas.CurrentStreak, adas.BestStreak));
    }
}
