using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DeepWorkMap.Contracts.Api;
using DeepWorkMap.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.SignalR.Client;

namespace DeepWorkMap.IntegrationTests.Sessions;

/// <summary>The waitlist over REST and the hub, on PostgreSQL.</summary>
public sealed class WaitlistApiTests(DurableServerFixture fixture) : IClassFixture<DurableServerFixture>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);
    private readonly RunningServer _server = fixture.Server;

    [Fact]
    public async Task A_full_session_queues_people_and_a_leave_seats_the_first_who_hears_it_over_the_hub()
    {
        var (host, _) = await _server.SignUpAsync();
        var (alice, _) = await _server.SignUpAsync();
        var (bob, bobAuth) = await _server.SignUpAsync();
        var (carol, _) = await _server.SignUpAsync();
        var session = await RunningServer.CreateSessionAsync(host, maxParticipants: 2);

        // A free seat is for joining, not for waiting.
        await Problem.ExpectAsync(await bob.PostAsync($"/api/sessions/{session.Id}/waitlist", null), HttpStatusCode.Conflict, "seats_available");
        (await alice.PostAsync($"/api/sessions/{session.Id}/join", null)).EnsureSuccessStatusCode();
        await Problem.ExpectAsync(await alice.PostAsync($"/api/sessions/{session.Id}/waitlist", null), HttpStatusCode.Conflict, "already_participant");
        await Problem.ExpectAsync(await bob.PostAsync($"/api/sessions/{session.Id}/join", null), HttpStatusCode.Conflict, "session_full");

        var bobWaits = (await (await bob.PostAsync($"/api/sessions/{session.Id}/waitlist", null)).Content.ReadFromJsonAsync<WaitlistDto>())!;
        Assert.Equal(1, bobWaits.Position);
        Assert.Equal(("waitlisted", 1, 1), (bobWaits.Session.MyRole, bobWaits.Session.WaitlistPosition, bobWaits.Session.WaitlistCount));
        Assert.Null(bobWaits.Session.Venue);
        var carolWaits = (await (await carol.PostAsync($"/api/sessions/{session.Id}/waitlist", null)).Content.ReadFromJsonAsync<WaitlistDto>())!;
        Assert.Equal(2, carolWaits.Position);
        // Asking again keeps the place in line.
        Assert.Equal(1, (await (await bob.PostAsync($"/api/sessions/{session.Id}/waitlist", null)).Content.ReadFromJsonAsync<WaitlistDto>())!.Position);
        // The capacity (2) caps the line too.
        var (dave, _) = await _server.SignUpAsync();
        await Problem.ExpectAsync(await dave.PostAsync($"/api/sessions/{session.Id}/waitlist", null), HttpStatusCode.Conflict, "waitlist_full");
        Assert.Equal(("none", 2), await RoleAndCountAsync(dave, session.Id));

        await using var bobHub = await HubListener.ConnectAsync(_server, bobAuth.Token);
        var left = await (await alice.PostAsync($"/api/sessions/{session.Id}/leave", null)).Content.ReadFromJsonAsync<SessionDto>();
        // Seated in the same turn as the leave: the answer to the leave already counts Bob in.
        Assert.Equal((2, 1), (left!.CurrentParticipants, left.WaitlistCount));
        await Eventually.HoldsAsync(() => Task.FromResult(bobHub.Events(HubEvents.PromotedFromWaitlist).Count == 1), Patience, "promotedFromWaitlist");
        var promoted = bobHub.Events(HubEvents.PromotedFromWaitlist)[0].Deserialize<SessionDto>(HubListener.Json)!;
        Assert.Equal((session.Id, "participant"), (promoted.Id, promoted.MyRole));
        Assert.NotNull(promoted.Venue);
        Assert.Equal(("participant", 1), await RoleAndCountAsync(bob, session.Id));
        Assert.Equal(("waitlisted", 1), await RoleAndCountAsync(carol, session.Id));
        Assert.Equal(1, (await carol.GetFromJsonAsync<SessionDto>($"/api/sessions/{session.Id}"))!.WaitlistPosition);

        // Leaving the line: nobody is left in it.
        var carolLeft = (await (await carol.DeleteAsync($"/api/sessions/{session.Id}/waitlist")).Content.ReadFromJsonAsync<SessionDto>())!;
        Assert.Equal(("none", 0), (carolLeft.MyRole, carolLeft.WaitlistCount));
    }

    [Fact]
    public async Task Raising_the_capacity_seats_the_waiting_and_a_removal_seats_the_next()
    {
        var (host, hostAuth) = await _server.SignUpAsync();
        var (alice, aliceAuth) = await _server.SignUpAsync();
        var waiting = new List<HttpClient>();
        var session = await RunningServer.CreateSessionAsync(host, maxParticipants: 2);
        (await alice.PostAsync($"/api/sessions/{session.Id}/join", null)).EnsureSuccessStatusCode();
        (await host.PatchAsJsonAsync($"/api/sessions/{session.Id}", new { waitlistLimit = 5 })).EnsureSuccessStatusCode();
        for (var i = 0; i < 4; i++)
        {
            var (client, _) = await _server.SignUpAsync();
            (await client.PostAsync($"/api/sessions/{session.Id}/waitlist", null)).EnsureSuccessStatusCode();
            waiting.Add(client);
        }
        await using var hostHub = await HubListener.ConnectAsync(_server, hostAuth.Token);
        await hostHub.Connection.InvokeAsync<SubscribeResult>("SubscribeSession", session.Id.ToString());

        var raised = (await (await host.PatchAsJsonAsync($"/api/sessions/{session.Id}", new { maxParticipants = 4 })).Content.ReadFromJsonAsync<SessionDto>())!;
        Assert.Equal((4, 4, 2), (raised.MaxParticipants, raised.CurrentParticipants, raised.WaitlistCount));
        Assert.Equal(["participant", "participant", "waitlisted", "waitlisted"], await Task.WhenAll(waiting.Select(async c => (await RoleAndCountAsync(c, session.Id)).Role)));
        await Eventually.HoldsAsync(() => Task.FromResult(hostHub.Events(HubEvents.ParticipantJoined).Count == 2), Patience, "two participantJoined");

        (await host.PostAsync($"/api/sessions/{session.Id}/participants/{aliceAuth.User.Id}/remove", null)).EnsureSuccessStatusCode();
        Assert.Equal(("participant", 1), await RoleAndCountAsync(waiting[2], session.Id));
        Assert.Equal(1, (await waiting[3].GetFromJsonAsync<SessionDto>($"/api/sessions/{session.Id}"))!.WaitlistPosition);
        // Capacity never drops below who is in.
        await Problem.ExpectAsync(await host.PatchAsJsonAsync($"/api/sessions/{session.Id}", new { maxParticipants = 3 }), HttpStatusCode.Conflict, "capacity_below_participants");
    }

    [Fact]
    public async Task Each_waiting_user_hears_their_own_new_place_in_line_and_nobody_else_hears_it()
    {
        var (host, hostAuth) = await _server.SignUpAsync();
        var (alice, aliceAuth) = await _server.SignUpAsync();
        var session = await RunningServer.CreateSessionAsync(host, maxParticipants: 2);
        (await alice.PostAsync($"/api/sessions/{session.Id}/join", null)).EnsureSuccessStatusCode();
        (await host.PatchAsJsonAsync($"/api/sessions/{session.Id}", new { waitlistLimit = 5 })).EnsureSuccessStatusCode();
        var waiting = new List<(HttpClient Client, HubListener Hub)>();
        for (var i = 0; i < 3; i++)
        {
            var (client, auth) = await _server.SignUpAsync();
            (await client.PostAsync($"/api/sessions/{session.Id}/waitlist", null)).EnsureSuccessStatusCode();
            var hub = await HubListener.ConnectAsync(_server, auth.Token);
            await hub.Connection.InvokeAsync("Ready");
            waiting.Add((client, hub));
        }
        await using var hostHub = await HubListener.ConnectAsync(_server, hostAuth.Token);
        await using var aliceHub = await HubListener.ConnectAsync(_server, aliceAuth.Token);
        await hostHub.Connection.InvokeAsync("Ready");
        await aliceHub.Connection.InvokeAsync("Ready");
        await hostHub.Connection.InvokeAsync<SubscribeResult>("SubscribeSession", session.Id.ToString());
        await aliceHub.Connection.InvokeAsync<SubscribeResult>("SubscribeSession", session.Id.ToString());

        List<int> PlacesHeardBy(HubListener hub) => hub.Events(HubEvents.WaitlistPositionChanged)
            .Select(e => e.Deserialize<WaitlistPositionChangedEvent>(HubListener.Json)!)
            .Select(e => { Assert.Equal(session.Id, e.SessionId); return e.Position; }).ToList();

        // The first in line leaves it: the two behind move up, each told their own place.
        (await waiting[0].Client.DeleteAsync($"/api/sessions/{session.Id}/waitlist")).EnsureSuccessStatusCode();
        await Eventually.HoldsAsync(() => Task.FromResult(PlacesHeardBy(waiting[1].Hub) is [1] && PlacesHeardBy(waiting[2].Hub) is [2]), Patience, "places 1 and 2");
        // Alice leaves: the next in line takes her seat, and the last moves up to first.
        (await alice.PostAsync($"/api/sessions/{session.Id}/leave", null)).EnsureSuccessStatusCode();
        await Eventually.HoldsAsync(() => Task.FromResult(PlacesHeardBy(waiting[2].Hub) is [2, 1]), Patience, "place 1 for the last");
        await Eventually.HoldsAsync(() => Task.FromResult(waiting[1].Hub.Events(HubEvents.PromotedFromWaitlist).Count == 1), Patience, "the seated one hears it");
        Assert.Equal(1, (await waiting[2].Client.GetFromJsonAsync<SessionDto>($"/api/sessions/{session.Id}"))!.WaitlistPosition);

        // The host, a participant and the one who left the line hear no one's place; the one seated heard only their own.
        Assert.Empty(PlacesHeardBy(hostHub));
        Assert.Empty(PlacesHeardBy(aliceHub));
        Assert.Empty(PlacesHeardBy(waiting[0].Hub));
        Assert.Equal([1], PlacesHeardBy(waiting[1].Hub));
        foreach (var (_, hub) in waiting) await hub.DisposeAsync();
    }

    private static async Task<(string Role, int WaitlistCount)> RoleAndCountAsync(HttpClient client, Guid sessionId)
    {
        var session = (await client.GetFromJsonAsync<SessionDto>($"/api/sessions/{sessionId}"))!;
        return (session.MyRole!, session.WaitlistCount);
    }
}
