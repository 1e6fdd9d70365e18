using System.Net;
using System.Net.Http.Json;
using DeepWorkMap.Contracts.Api;
using DeepWorkMap.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.SignalR.Client;

namespace DeepWorkMap.IntegrationTests.Sessions;

/// <summary>Check-in, no-shows recorded in PostgreSQL when a session finishes, and hosts who ask for a record.</summary>
public sealed class AttendanceTests(DurableServerFixture fixture) : IClassFixture<DurableServerFixture>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);
    private readonly RunningServer _server = fixture.Server;

    [Fact]
    public async Task The_host_sees_who_checked_in_and_nobody_else_does()
    {
        var (host, hostAuth) = await _server.SignUpAsync();
        var (came, cameAuth) = await _server.SignUpAsync();
        var (other, _) = await _server.SignUpAsync();
        var (stranger, _) = await _server.SignUpAsync();
        var session = await RunningServer.CreateSessionAsync(host, startInMinutes: 5);
        (await came.PostAsync($"/api/sessions/{session.Id}/join", null)).EnsureSuccessStatusCode();
        (await other.PostAsync($"/api/sessions/{session.Id}/join", null)).EnsureSuccessStatusCode();
        await using var hostHub = await HubListener.ConnectAsync(_server, hostAuth.Token);
        await hostHub.Connection.InvokeAsync<SubscribeResult>("SubscribeSession", session.Id.ToString());
        await using var otherHub = await HubListener.ConnectAsync(_server, (await _server.SignUpAsync()).Auth.Token);

        var checkedIn = (await (await came.PostAsync($"/api/sessions/{session.Id}/check-in", null)).Content.ReadFromJsonAsync<SessionDto>())!;
        Assert.NotNull(checkedIn.CheckedInAt);
        await Problem.ExpectAsync(await stranger.PostAsync($"/api/sessions/{session.Id}/check-in", null), HttpStatusCode.Forbidden, "not_participant");

        var seenByHost = (await host.GetFromJsonAsync<List<ParticipantDto>>($"/api/sessions/{session.Id}/participants"))!;
        Assert.Equal(checkedIn.CheckedInAt, seenByHost.Single(p => p.User.Id == cameAuth.User.Id).CheckedInAt);
        Assert.Null(seenByHost.Single(p => p.User.Id != cameAuth.User.Id && p.Role == "participant").CheckedInAt);
        Assert.All((await other.GetFromJsonAsync<List<ParticipantDto>>($"/api/sessions/{session.Id}/participants"))!, p => Assert.Null(p.CheckedInAt));
        await Eventually.HoldsAsync(() => Task.FromResult(hostHub.Events(HubEvents.ParticipantCheckedIn).Any(e => e.GetProperty("userId").GetGuid() == cameAuth.User.Id)),
            Patience, "participantCheckedIn to the host");
        Assert.Empty(otherHub.Events(HubEvents.ParticipantCheckedIn));
    }

    [Fact]
    public async Task A_finished_session_records_no_shows_which_profiles_show_and_a_host_may_turn_away()
    {
        var (host, _) = await _server.SignUpAsync();
        var (reliable, reliableAuth) = await _server.SignUpAsync();
        var (flaky, flakyAuth) = await _server.SignUpAsync();
        var (newcomer, _) = await _server.SignUpAsync();
        for (var i = 0; i < 3; i++)
        {
            var session = await RunningServer.CreateSessionAsync(host, startInMinutes: -4);
            (await reliable.PostAsync($"/api/sessions/{session.Id}/join", null)).EnsureSuccessStatusCode();
            (await flaky.PostAsync($"/api/sessions/{session.Id}/join", null)).EnsureSuccessStatusCode();
            (await reliable.PostAsync($"/api/sessions/{session.Id}/check-in", null)).EnsureSuccessStatusCode();
            (await host.PostAsync($"/api/sessions/{session.Id}/end", null)).EnsureSuccessStatusCode();
        }
        // A session ended before it started never took place: it records nobody.
        var neverHeld = await RunningServer.CreateSessionAsync(host, startInMinutes: 30);
        (await flaky.PostAsync($"/api/sessions/{neverHeld.Id}/join", null)).EnsureSuccessStatusCode();
        (await host.PostAsync($"/api/sessions/{neverHeld.Id}/end", null)).EnsureSuccessStatusCode();

        Assert.Equal((3, 0), await RecordAsync(newcomer, reliableAuth.User.Id));
        Assert.Equal((0, 3), await RecordAsync(newcomer, flakyAuth.User.Id));
        Assert.Equal(3L, await fixture.Database.ScalarAsync<long>("SELECT count(*) FROM attendance WHERE user_id = $1 AND NOT attended", flakyAuth.User.Id));
        await Problem.ExpectAsync(await newcomer.GetAsync($"/api/users/{Guid.NewGuid()}"), HttpStatusCode.NotFound, "not_found");
        await Problem.ExpectAsync(await _server.CreateClient().GetAsync($"/api/users/{flakyAuth.User.Id}"), HttpStatusCode.Unauthorized, "unauthorized");

        var strict = (await (await host.PostAsJsonAsync("/api/sessions", new
        {
            title = "Thesis sprint", subject = "Writing", sessionType = "silent", latitude = 52.5, longitude = 13.4,
            startTime = DateTimeOffset.UtcNow.AddMinutes(20), durationMinutes = 60, maxParticipants = 2, minAttendanceRate = 0.7,
        })).Content.ReadFromJsonAsync<SessionDto>())!;
        Assert.Equal(0.7, strict.MinAttendanceRate);
        await Problem.ExpectAsync(await flaky.PostAsync($"/api/sessions/{strict.Id}/join", null), HttpStatusCode.Conflict, "attendance_too_low");
        (await reliable.PostAsync($"/api/sessions/{strict.Id}/join", null)).EnsureSuccessStatusCode();
        // Full now; the same rule guards the line.
        await Problem.ExpectAsync(await flaky.PostAsync($"/api/sessions/{strict.Id}/waitlist", null), HttpStatusCode.Conflict, "attendance_too_low");
        // Fewer than 3 recorded sessions: exempt.
        Assert.Equal(HttpStatusCode.OK, (await newcomer.PostAsync($"/api/sessions/{strict.Id}/waitlist", null)).StatusCode);
    }

    private static async Task<(int Attended, int NoShows)> RecordAsync(HttpClient viewer, Guid userId)
    {
        var profile = (await viewer.GetFromJsonAsync<ProfileDto>($"/api/users/{userId}"))!;
        return (profile.SessionsAttended, profile.NoShows);
    }
}

/// <summary>When check-in opens and closes, by a clock the test moves.</summary>
public sealed class CheckInWindowTests(ClockedServerFixture fixture) : IClassFixture<ClockedServerFixture>
{
    [Fact]
    public async Task Check_in_opens_ten_minutes_before_the_start_and_closes_at_the_end()
    {
        var server = fixture.Server;
        var (host, _) = await server.SignUpAsync();
        var (guest, _) = await server.SignUpAsync();
        var response = await host.PostAsJsonAsync("/api/sessions", new
        {
            title = "Anatomy", subject = "Medicine", sessionType = "exam-prep", latitude = 48.1, longitude = 11.6,
            startTime = fixture.Clock.GetUtcNow().AddMinutes(30), durationMinutes = 30,
        });
        var session = (await response.Content.ReadFromJsonAsync<SessionDto>())!;
        (await guest.PostAsync($"/api/sessions/{session.Id}/join", null)).EnsureSuccessStatusCode();

        await Problem.ExpectAsync(await guest.PostAsync($"/api/sessions/{session.Id}/check-in", null), HttpStatusCode.Conflict, "check_in_not_open");
        fixture.Clock.Advance(TimeSpan.FromMinutes(21));
        Assert.Equal(HttpStatusCode.OK, (await guest.PostAsync($"/api/sessions/{session.Id}/check-in", null)).StatusCode);
        fixture.Clock.Advance(TimeSpan.FromMinutes(40));
        await Problem.ExpectAsync(await host.PostAsync($"/api/sessions/{session.Id}/check-in", null), HttpStatusCode.Conflict, "session_finished");
    }
}
