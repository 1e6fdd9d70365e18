using System.Net;
using System.Net.Http.Json;
using DeepWorkMap.Contracts.Api;
using DeepWorkMap.Grains.Sessions;
using DeepWorkMap.IntegrationTests.Infrastructure;

namespace DeepWorkMap.IntegrationTests.Sessions;

/// <summary>
/// <c>Sessions:ActiveJoinsPerUser</c>: one account cannot squat the seats and lines of more sessions to come than the cap,
/// one by one or a whole series at once (9 accounts used to fill all 84 occurrences of a series).
/// </summary>
public sealed class JoinCapTests
{
    private const int Cap = 3;

    private static Task<RunningServer> StartAsync(ShiftableClock clock, IDictionary<string, string?>? settings = null)
    {
        var configuration = new Dictionary<string, string?>(settings ?? new Dictionary<string, string?>()) { ["Sessions:ActiveJoinsPerUser"] = Cap.ToString() };
        return RunningServer.StartAsync(configuration, builder => builder.Services.AddSingleton(new DeepWorkMap.Grains.Clock(clock)));
    }

    [Fact]
    public async Task A_user_holds_seats_or_places_in_line_in_only_so_many_sessions_to_come_and_leaving_or_an_end_frees_one()
    {
        var clock = new ShiftableClock();
        await using var server = await StartAsync(clock);
        var (host, _) = await server.SignUpAsync();
        var (guest, _) = await server.SignUpAsync();
        var open = new List<SessionDto>();
        for (var i = 0; i < 5; i++) open.Add(await RunningServer.CreateSessionAsync(host, startInMinutes: 30 + i));
        var full = await RunningServer.CreateSessionAsync(host, maxParticipants: 1);
        var alsoFull = await RunningServer.CreateSessionAsync(host, maxParticipants: 1);

        (await guest.PostAsync($"/api/sessions/{open[0].Id}/join", null)).EnsureSuccessStatusCode();
        (await guest.PostAsync($"/api/sessions/{open[1].Id}/join", null)).EnsureSuccessStatusCode();
        (await guest.PostAsync($"/api/sessions/{full.Id}/waitlist", null)).EnsureSuccessStatusCode();
        // Joining again what one holds takes nothing more.
        (await guest.PostAsync($"/api/sessions/{open[0].Id}/join", null)).EnsureSuccessStatusCode();

        await Problem.ExpectAsync(await guest.PostAsync($"/api/sessions/{open[2].Id}/join", null), HttpStatusCode.Conflict, "limit_reached");
        await Problem.ExpectAsync(await guest.PostAsync($"/api/sessions/{alsoFull.Id}/waitlist", null), HttpStatusCode.Conflict, "limit_reached");
        Assert.Equal(1, (await host.GetFromJsonAsync<SessionDto>($"/api/sessions/{open[2].Id}"))!.CurrentParticipants);
        // Hosting takes no place.
        var own = await RunningServer.CreateSessionAsync(guest);
        Assert.Equal("host", (await guest.GetFromJsonAsync<SessionDto>($"/api/sessions/{own.Id}"))!.MyRole);
        await Problem.ExpectAsync(await guest.PostAsync($"/api/sessions/{open[2].Id}/join", null), HttpStatusCode.Conflict, "limit_reached");

        // Leaving gives a place back at once; a session its host ends gives it back when the cap is next reached.
        (await guest.PostAsync($"/api/sessions/{open[0].Id}/leave", null)).EnsureSuccessStatusCode();
        (await guest.PostAsync($"/api/sessions/{open[2].Id}/join", null)).EnsureSuccessStatusCode();
        (await host.PostAsync($"/api/sessions/{open[1].Id}/end", null)).EnsureSuccessStatusCode();
        clock.Advance(JoinQuotaGrain.RecheckAfter);
        (await guest.PostAsync($"/api/sessions/{open[3].Id}/join", null)).EnsureSuccessStatusCode();
        await Problem.ExpectAsync(await guest.PostAsync($"/api/sessions/{open[4].Id}/join", null), HttpStatusCode.Conflict, "limit_reached");
    }

    [Fact]
    public async Task A_series_join_takes_the_earliest_occurrences_up_to_the_cap_and_skips_the_rest()
    {
        var clock = new ShiftableClock();
        await using var server = await StartAsync(clock);
        var (host, _) = await server.SignUpAsync();
        var (squatter, _) = await server.SignUpAsync();
        var single = await RunningServer.CreateSessionAsync(host);
        (await squatter.PostAsync($"/api/sessions/{single.Id}/join", null)).EnsureSuccessStatusCode();

        var start = DateTimeOffset.UtcNow.AddDays(1);
        var created = await host.PostAsJsonAsync("/api/series", new CreateSeriesRequest(
            new CreateSessionRequest("Study group", "Statistics", "discussion", 40.73, -73.99, start, 60, 2),
            [start.DayOfWeek.ToString().ToLowerInvariant()], 5, "UTC"));
        var series = (await created.EnsureSuccessStatusCode().Content.ReadFromJsonAsync<SeriesDto>())!;

        var joined = (await (await squatter.PostAsync($"/api/series/{series.Id}/join", null)).EnsureSuccessStatusCode().Content.ReadFromJsonAsync<SeriesDto>())!;
        var inOrder = series.Sessions.OrderBy(s => s.StartTime).Select(s => s.Id).ToList();
        Assert.Equal(inOrder[2..], joined.Skipped!.Select(s => s.SessionId).OrderBy(inOrder.IndexOf));
        Assert.All(joined.Skipped!, s => Assert.Equal("limit_reached", s.Code));
        Assert.Equal(["participant", "participant", "none", "none", "none"],
            joined.Sessions.OrderBy(s => s.StartTime).Select(s => s.MyRole));

        // Whoever comes next still finds seats in the rest.
        var (student, _) = await server.SignUpAsync();
        var theirs = (await (await student.PostAsync($"/api/series/{series.Id}/join", null)).EnsureSuccessStatusCode().Content.ReadFromJsonAsync<SeriesDto>())!;
        Assert.Equal(["waitlisted", "waitlisted", "participant"], theirs.Sessions.OrderBy(s => s.StartTime).Select(s => s.MyRole).Take(3));
    }

    [Fact]
    public async Task The_count_is_durable_so_a_new_activation_does_not_hand_out_a_fresh_allowance()
    {
        await using var database = await TestDatabase.CreateAsync();
        var clock = new ShiftableClock();
        string token;
        var sessions = new List<SessionDto>();
        await using (var first = await StartAsync(clock, RunningServer.Durable(database)))
        {
            var (host, _) = await first.SignUpAsync();
            var (guest, auth) = await first.SignUpAsync();
            token = auth.Token;
            for (var i = 0; i <= Cap; i++) sessions.Add(await RunningServer.CreateSessionAsync(host, startInMinutes: 30 + i));
            for (var i = 0; i < Cap; i++) (await guest.PostAsync($"/api/sessions/{sessions[i].Id}/join", null)).EnsureSuccessStatusCode();
        }
        await using var second = await StartAsync(clock, RunningServer.Durable(database));
        using var again = second.CreateClient(token);
        await Problem.ExpectAsync(await again.PostAsync($"/api/sessions/{sessions[Cap].Id}/join", null), HttpStatusCode.Conflict, "limit_reached");
    }
}
