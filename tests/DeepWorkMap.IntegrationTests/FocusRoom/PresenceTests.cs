using System.Net.Http.Json;
using System.Text.Json;
using DeepWorkMap.Contracts.Api;
using DeepWorkMap.Contracts.Live;
using DeepWorkMap.Contracts.Sessions;
using DeepWorkMap.IntegrationTests.Infrastructure;
using DeepWorkMap.IntegrationTests.Sessions;
using Microsoft.AspNetCore.SignalR.Client;

namespace DeepWorkMap.IntegrationTests.FocusRoom;

/// <summary>Presence across tabs and the timer, on PostgreSQL, and what a front door that stops reporting leaves behind.</summary>
public sealed class PresenceTests(DurableServerFixture fixture) : IClassFixture<DurableServerFixture>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);
    private readonly RunningServer _server = fixture.Server;

    [Fact]
    public async Task A_user_is_online_while_any_tab_holds_the_session_away_when_all_are_hidden_focusing_in_a_focus_phase_and_offline_when_gone()
    {
        var (host, hostAuth) = await _server.SignUpAsync();
        var (guest, guestAuth) = await _server.SignUpAsync();
        var session = await RunningServer.CreateSessionAsync(host, startInMinutes: -1);
        (await guest.PostAsync($"/api/sessions/{session.Id}/join", null)).EnsureSuccessStatusCode();
        await using var hostHub = await HubListener.ConnectAsync(_server, hostAuth.Token);
        await hostHub.Connection.InvokeAsync<SubscribeResult>("SubscribeSession", session.Id.ToString());
        var tabA = await HubListener.ConnectAsync(_server, guestAuth.Token);
        var tabB = await HubListener.ConnectAsync(_server, guestAuth.Token);
        await tabA.Connection.InvokeAsync<SubscribeResult>("SubscribeSession", session.Id.ToString());
        await tabB.Connection.InvokeAsync<SubscribeResult>("SubscribeSession", session.Id.ToString());
        var guestId = guestAuth.User.Id;

        await GuestIsAsync("online");
        Assert.Equal("online", await PresenceInListAsync(host, session.Id, guestId));
        await tabA.Connection.InvokeAsync("SetPresence", session.Id.ToString(), "away");
        await Task.Delay(300);
        Assert.Equal("online", await PresenceInListAsync(host, session.Id, guestId)); // tab B still active
        await tabB.Connection.InvokeAsync("SetPresence", session.Id.ToString(), "away");
        await GuestIsAsync("away");
        await tabB.Connection.InvokeAsync("SetPresence", session.Id.ToString(), "active");
        await GuestIsAsync("online");

        // A running focus phase makes the present focusing.
        (await host.PutAsJsonAsync($"/api/sessions/{session.Id}/timer", new { focusMinutes = 25, breakMinutes = 5, cycles = 2 })).EnsureSuccessStatusCode();
        await GuestIsAsync("focusing");
        Assert.Equal("focusing", await PresenceInListAsync(host, session.Id, guestId));

        await tabA.DisposeAsync();
        await tabB.DisposeAsync();
        await GuestIsAsync("offline");
        Assert.Equal("offline", await PresenceInListAsync(host, session.Id, guestId));
        await Assert.ThrowsAsync<Microsoft.AspNetCore.SignalR.HubException>(() => hostHub.Connection.InvokeAsync("SetPresence", session.Id.ToString(), "asleep"));

        async Task GuestIsAsync(string state) => await Eventually.HoldsAsync(() => Task.FromResult(
            hostHub.Events(HubEvents.PresenceChanged).Select(e => e.Deserialize<PresenceChangedEvent>(HubListener.Json)!).LastOrDefault(e => e.UserId == guestId)?.State == state),
            Patience, $"presenceChanged {state}");
    }

    [Fact]
    public async Task Only_those_in_the_session_see_who_is_focusing_and_what_they_aim_for()
    {
        var (host, _) = await _server.SignUpAsync();
        var (guest, guestAuth) = await _server.SignUpAsync();
        var (outsider, _) = await _server.SignUpAsync();
        var (waiting, _) = await _server.SignUpAsync();
        var session = await RunningServer.CreateSessionAsync(host, startInMinutes: -1, maxParticipants: 2);
        (await guest.PostAsync($"/api/sessions/{session.Id}/join", null)).EnsureSuccessStatusCode();
        (await waiting.PostAsync($"/api/sessions/{session.Id}/waitlist", null)).EnsureSuccessStatusCode();
        (await guest.PutAsJsonAsync($"/api/sessions/{session.Id}/goal", new { text = "Finish chapter 3" })).EnsureSuccessStatusCode();
        (await host.PutAsJsonAsync($"/api/sessions/{session.Id}/timer", new { focusMinutes = 25, breakMinutes = 5, cycles = 2 })).EnsureSuccessStatusCode();
        await using var tab = await HubListener.ConnectAsync(_server, guestAuth.Token);
        await tab.Connection.InvokeAsync<SubscribeResult>("SubscribeSession", session.Id.ToString());
        await Eventually.HoldsAsync(async () => await PresenceInListAsync(host, session.Id, guestAuth.User.Id) == "focusing", Patience, "the guest focusing");

        foreach (var stranger in new[] { outsider, waiting })
        {
            var seen = (await stranger.GetFromJsonAsync<List<ParticipantDto>>($"/api/sessions/{session.Id}/participants"))!;
            Assert.Equal(2, seen.Count);
            Assert.All(seen, p => Assert.Null(p.Presence));
            Assert.All(seen, p => Assert.Null(p.Goal));
            using var raw = JsonDocument.Parse(await stranger.GetStringAsync($"/api/sessions/{session.Id}/participants"));
            Assert.All(raw.RootElement.EnumerateArray(), p => Assert.Equal(JsonValueKind.Null, p.GetProperty("presence").ValueKind));
        }
        var mate = (await guest.GetFromJsonAsync<List<ParticipantDto>>($"/api/sessions/{session.Id}/participants"))!.Single(p => p.User.Id == guestAuth.User.Id);
        Assert.Equal(("focusing", "Finish chapter 3"), (mate.Presence, mate.Goal?.Text));
    }

    private static async Task<string?> PresenceInListAsync(HttpClient viewer, Guid sessionId, Guid userId) =>
        (await viewer.GetFromJsonAsync<List<ParticipantDto>>($"/api/sessions/{sessionId}/participants"))!.Single(p => p.User.Id == userId).Presence;
}

/// <summary>A front door that dies stops renewing its report: its users go offline within the lease (20 s) and a sweep.</summary>
public sealed class PresenceLeaseTests
{
    [Fact]
    public async Task Users_reported_by_a_front_door_that_stops_renewing_go_offline_within_half_a_minute()
    {
        await using var cluster = await TestClusters.StartAsync(1);
        var (host, guest) = (Guid.NewGuid(), Guid.NewGuid());
        var session = cluster.Client.GetGrain<IStudySessionGrain>(Guid.NewGuid());
        await session.Create(SessionCommands.Valid(host));
        await session.Join(guest);
        var frontDoor = cluster.Client.CreateObjectReference<ISessionObserver>(new QuietSessionObserver());

        await session.ReportPresence(frontDoor, new Dictionary<Guid, PresenceReport> { [guest] = new(PresenceStates.Active, DateTimeOffset.UtcNow) });
        Assert.Equal(PresenceStates.Online, (await session.ParticipantsFor(host))!.Single(p => p.UserId == guest).Presence);
        var silentSince = DateTimeOffset.UtcNow;

        await Eventually.HoldsAsync(async () => (await session.ParticipantsFor(host))!.Single(p => p.UserId == guest).Presence == PresenceStates.Offline,
            TimeSpan.FromSeconds(40), "offline after the lease");
        Assert.InRange((DateTimeOffset.UtcNow - silentSince).TotalSeconds, 19, 30);
    }
}
