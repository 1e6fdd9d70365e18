using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DeepWorkMap.Contracts.Api;
using DeepWorkMap.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.SignalR.Client;

namespace DeepWorkMap.IntegrationTests.FocusRoom;

/// <summary>The shared timer and goals, over REST and the hub, on PostgreSQL.</summary>
public sealed class FocusRoomTests(DurableServerFixture fixture) : IClassFixture<DurableServerFixture>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);
    private readonly RunningServer _server = fixture.Server;

    [Fact]
    public async Task Everyone_sees_the_phase_change_at_the_boundary_and_the_hosts_pause_resume_and_skip()
    {
        var (host, hostAuth) = await _server.SignUpAsync();
        var (guest, guestAuth) = await _server.SignUpAsync();
        // Started 55 s ago with 1-minute focus phases: the first boundary is 5 s away.
        var start = DateTimeOffset.UtcNow.AddSeconds(-55);
        var created = await host.PostAsJsonAsync("/api/sessions", new
        {
            title = "Sprint", subject = "Writing", sessionType = "silent", latitude = 48.2, longitude = 16.37,
            startTime = start, durationMinutes = 60, timer = new { focusMinutes = 1, breakMinutes = 1, cycles = 3 },
        });
        var session = (await created.Content.ReadFromJsonAsync<SessionDto>())!;
        Assert.Equal(new TimerDto(1, 1, 3), session.Timer);
        Assert.Equal(("focus", 0), (session.Phase!.Kind, session.Phase.Index));
        var firstEnd = session.Phase.EndsAt!.Value;
        (await guest.PostAsync($"/api/sessions/{session.Id}/join", null)).EnsureSuccessStatusCode();
        await using var hub = await HubListener.ConnectAsync(_server, guestAuth.Token);
        var feed = await hub.Connection.InvokeAsync<SubscribeResult>("SubscribeSession", session.Id.ToString());
        Assert.True(Math.Abs((feed.ServerTime - DateTimeOffset.UtcNow).TotalSeconds) < 5, "the server's clock comes with the feed");
        Assert.Equal(firstEnd, feed.Session.Phase!.EndsAt);

        // The grain pushes the break at the boundary, by a timer of its own: never before it, and not minutes later at
        // the next phase. Within a second on an idle machine; CI's two cores, busy with the whole suite, once took 1.7 s.
        await Eventually.HoldsAsync(() => Task.FromResult(Phases(hub).Any(p => p.Phase?.Kind == "break")), Patience, "phaseChanged to break");
        var atBoundary = Phases(hub).First(p => p.Phase?.Kind == "break");
        Assert.Equal(firstEnd, atBoundary.Phase!.StartsAt);
        Assert.InRange((atBoundary.ServerTime - firstEnd).TotalMilliseconds, -50, 4000);

        // Pause: held still, for everyone; resume: the end moves on by the pause.
        var paused = await ControlAsync(host, session.Id, "pause");
        Assert.NotNull(paused.Phase!.PausedAt);
        await Eventually.HoldsAsync(() => Task.FromResult(Phases(hub).Any(p => p.Phase?.PausedAt is not null)), Patience, "the pause, pushed");
        await Task.Delay(1500);
        var resumed = await ControlAsync(host, session.Id, "resume");
        Assert.Null(resumed.Phase!.PausedAt);
        Assert.True(resumed.Phase.EndsAt - atBoundary.Phase.EndsAt >= TimeSpan.FromSeconds(1.4), "the end moved on by the pause");
        var skipped = await ControlAsync(host, session.Id, "skip");
        Assert.Equal(("focus", 2), (skipped.Phase!.Kind, skipped.Phase.Index));
        await Eventually.HoldsAsync(() => Task.FromResult(Phases(hub).Any(p => p.Phase?.Index == 2)), Patience, "the skip, pushed");

        await Problem.ExpectAsync(await guest.PostAsync($"/api/sessions/{session.Id}/timer/skip", null), HttpStatusCode.Forbidden, "not_host");
        await Problem.ExpectAsync(await host.PutAsJsonAsync($"/api/sessions/{session.Id}/timer", new { focusMinutes = 0, breakMinutes = 5, cycles = 4 }), HttpStatusCode.BadRequest, "validation_failed");
        var removed = (await (await host.DeleteAsync($"/api/sessions/{session.Id}/timer")).Content.ReadFromJsonAsync<SessionDto>())!;
        Assert.Equal((null, null), (removed.Timer, removed.Phase));
        await Problem.ExpectAsync(await host.PostAsync($"/api/sessions/{session.Id}/timer/pause", null), HttpStatusCode.Conflict, "timer_not_running");
        Assert.Equal(hostAuth.User.Id, session.Host!.Id);
    }

    /// <summary>Before the start there is no phase to push: the plan itself reaches the participants, with the session.</summary>
    [Fact]
    public async Task A_timer_set_or_removed_before_the_start_reaches_the_participants_live()
    {
        var (host, _) = await _server.SignUpAsync();
        var (guest, guestAuth) = await _server.SignUpAsync();
        var session = await RunningServer.CreateSessionAsync(host, startInMinutes: 10);
        (await guest.PostAsync($"/api/sessions/{session.Id}/join", null)).EnsureSuccessStatusCode();
        await using var hub = await HubListener.ConnectAsync(_server, guestAuth.Token);
        await hub.Connection.InvokeAsync<SubscribeResult>("SubscribeSession", session.Id.ToString());

        // Pushed with the change, not at the next renewal (which would also tell it, within Realtime:RenewSeconds): the
        // host's goal, set after it, is pushed after it, so once the goal is heard the plan must have been.
        (await host.PutAsJsonAsync($"/api/sessions/{session.Id}/timer", new { focusMinutes = 25, breakMinutes = 5, cycles = 2 })).EnsureSuccessStatusCode();
        await HearGoalAsync(hub, host, session.Id, "after the plan");
        Assert.Equal(new TimerDto(25, 5, 2), hub.SessionChanges.LastOrDefault()?.Timer);
        (await host.DeleteAsync($"/api/sessions/{session.Id}/timer")).EnsureSuccessStatusCode();
        await HearGoalAsync(hub, host, session.Id, "after its removal");
        Assert.Null(hub.SessionChanges.Last().Timer);
    }

    private static async Task HearGoalAsync(HubListener hub, HttpClient host, Guid sessionId, string text)
    {
        (await host.PutAsJsonAsync($"/api/sessions/{sessionId}/goal", new { text })).EnsureSuccessStatusCode();
        await Eventually.HoldsAsync(() => Task.FromResult(Goals(hub).Any(g => g.Goal?.Text == text)), Patience, $"the host's goal \"{text}\"");
    }

    [Fact]
    public async Task A_goal_shows_live_to_the_others_in_the_session_and_to_nobody_outside()
    {
        var (host, hostAuth) = await _server.SignUpAsync();
        var (guest, guestAuth) = await _server.SignUpAsync();
        var (outsider, _) = await _server.SignUpAsync();
        var session = await RunningServer.CreateSessionAsync(host);
        (await guest.PostAsync($"/api/sessions/{session.Id}/join", null)).EnsureSuccessStatusCode();
        await using var hostHub = await HubListener.ConnectAsync(_server, hostAuth.Token);
        await hostHub.Connection.InvokeAsync<SubscribeResult>("SubscribeSession", session.Id.ToString());

        (await guest.PutAsJsonAsync($"/api/sessions/{session.Id}/goal", new { text = "  Finish chapter 2  " })).EnsureSuccessStatusCode();
        await Eventually.HoldsAsync(() => Task.FromResult(Goals(hostHub).Any(g => g.UserId == guestAuth.User.Id && g.Goal?.Text == "Finish chapter 2" && !g.Goal.Done)), Patience, "goalChanged");
        (await guest.PutAsJsonAsync($"/api/sessions/{session.Id}/goal", new { text = "Finish chapter 2", done = true })).EnsureSuccessStatusCode();
        await Eventually.HoldsAsync(() => Task.FromResult(Goals(hostHub).Any(g => g.Goal?.Done == true)), Patience, "the goal checked off");

        var seenByHost = (await host.GetFromJsonAsync<List<ParticipantDto>>($"/api/sessions/{session.Id}/participants"))!;
        Assert.Equal(("Finish chapter 2", true), (seenByHost.Single(p => p.User.Id == guestAuth.User.Id).Goal!.Text, seenByHost.Single(p => p.User.Id == guestAuth.User.Id).Goal!.Done));
        Assert.All((await outsider.GetFromJsonAsync<List<ParticipantDto>>($"/api/sessions/{session.Id}/participants"))!, p => Assert.Null(p.Goal));
        await Problem.ExpectAsync(await outsider.PutAsJsonAsync($"/api/sessions/{session.Id}/goal", new { text = "Sneak in" }), HttpStatusCode.Forbidden, "not_participant");
        await Problem.ExpectAsync(await guest.PutAsJsonAsync($"/api/sessions/{session.Id}/goal", new { text = new string('x', 141) }), HttpStatusCode.BadRequest, "validation_failed");

        (await guest.DeleteAsync($"/api/sessions/{session.Id}/goal")).EnsureSuccessStatusCode();
        await Eventually.HoldsAsync(() => Task.FromResult(Goals(hostHub).LastOrDefault()?.Goal is null), Patience, "the goal dropped");
    }

    private static List<PhaseChangedEvent> Phases(HubListener hub) =>
        hub.Events(HubEvents.PhaseChanged).Select(e => e.Deserialize<PhaseChangedEvent>(HubListener.Json)!).ToList();

    private static List<GoalChangedEvent> Goals(HubListener hub) =>
        hub.Events(HubEvents.GoalChanged).Select(e => e.Deserialize<GoalChangedEvent>(HubListener.Json)!).ToList();

    private static async Task<SessionDto> ControlAsync(HttpClient host, Guid sessionId, string command)
    {
        var response = await host.PostAsync($"/api/sessions/{sessionId}/timer/{command}", null);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<SessionDto>())!;
    }
}
