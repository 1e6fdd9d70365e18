using System.Net;
using System.Net.Http.Json;
using DeepWorkMap.Contracts.Api;
using DeepWorkMap.Grains.Geo;
using DeepWorkMap.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace DeepWorkMap.IntegrationTests.Sessions;

/// <summary>The host edits or cancels a session: the grain decides, PostgreSQL keeps it, the map and the hub follow.</summary>
public sealed class SessionChangesTests(DurableServerFixture fixture) : IClassFixture<DurableServerFixture>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);
    private readonly RunningServer _server = fixture.Server;

    [Fact]
    public async Task An_edit_bumps_the_version_reaches_subscribers_and_a_new_place_moves_the_session_on_the_map()
    {
        var (host, hostAuth) = await _server.SignUpAsync();
        var (guest, guestAuth) = await _server.SignUpAsync();
        var (from, to) = ((40.4168, -3.7038), (41.3874, 2.1686)); // Madrid, then Barcelona
        var session = await RunningServer.CreateSessionAsync(host, from.Item1, from.Item2);
        (await guest.PostAsync($"/api/sessions/{session.Id}/join", null)).EnsureSuccessStatusCode();
        await using var subscriber = await HubListener.ConnectAsync(_server, guestAuth.Token);
        await subscriber.Connection.InvokeAsync<SubscribeResult>("SubscribeSession", session.Id.ToString());
        await using var watchesOld = await HubListener.ConnectAsync(_server, hostAuth.Token);
        await watchesOld.Connection.InvokeAsync<ItemsDto<SessionDto>>("WatchArea", from.Item1, from.Item2, 10.0);
        var (_, watcherAuth) = await _server.SignUpAsync();
        await using var watchesNew = await HubListener.ConnectAsync(_server, watcherAuth.Token);
        await watchesNew.Connection.InvokeAsync<ItemsDto<SessionDto>>("WatchArea", to.Item1, to.Item2, 10.0);

        var newStart = session.StartTime.AddMinutes(45);
        var response = await host.PatchAsJsonAsync($"/api/sessions/{session.Id}", new
        {
            title = "Thermodynamics II", description = "Chapter 4, bring the problem set", startTime = newStart,
            latitude = to.Item1, longitude = to.Item2, venueNote = "Library, 2nd floor", version = 1,
        });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var edited = (await response.Content.ReadFromJsonAsync<SessionDto>())!;
        Assert.Equal((2, "Thermodynamics II", "Chapter 4, bring the problem set", newStart, newStart.AddMinutes(90)),
            (edited.Version, edited.Title, edited.Description, edited.StartTime, edited.EndTime));
        Assert.Equal((to.Item1, to.Item2, "Library, 2nd floor"), (edited.Venue!.Latitude, edited.Venue.Longitude, edited.Venue.Note));
        Assert.True(Haversine.DistanceKm(to.Item1, to.Item2, edited.Latitude, edited.Longitude) < 1, "the public position follows the venue");

        await Eventually.HoldsAsync(() => Task.FromResult(subscriber.SessionChanges.Any(s => s.Id == session.Id && s.Version == 2 && s.Title == "Thermodynamics II")), Patience, "sessionChanged to the subscriber");
        await Eventually.HoldsAsync(() => Task.FromResult(watchesOld.Events(HubEvents.SessionRemoved).Any(e => e.GetProperty("sessionId").GetGuid() == session.Id
            && e.GetProperty("reason").GetString() == "moved")), Patience, "sessionRemoved to the old area, saying it moved");
        await Eventually.HoldsAsync(() => Task.FromResult(watchesNew.SessionChanges.Any(s => s.Id == session.Id && s.Version == 2)), Patience, "sessionChanged to the new area");
        Assert.DoesNotContain(await NearbyAsync(guest, from), s => s.Id == session.Id);
        Assert.Contains(await NearbyAsync(guest, to), s => s.Id == session.Id);
        Assert.Equal(GeoGrid.Fine.TileOf(edited.Latitude, edited.Longitude),
            await fixture.Database.ScalarAsync<string>("SELECT tile_key FROM study_sessions WHERE id = $1", session.Id));

        // An edit made on the copy before this one is refused rather than undoing it.
        await Problem.ExpectAsync(await host.PatchAsJsonAsync($"/api/sessions/{session.Id}", new { title = "Stale", version = 1 }), HttpStatusCode.Conflict, "version_conflict");
        Assert.Equal(3, (await (await host.PatchAsJsonAsync($"/api/sessions/{session.Id}", new { description = "" })).Content.ReadFromJsonAsync<SessionDto>())!.Version);
        Assert.Null((await guest.GetFromJsonAsync<SessionDto>($"/api/sessions/{session.Id}"))!.Description);
        await Problem.ExpectAsync(await guest.PatchAsJsonAsync($"/api/sessions/{session.Id}", new { title = "Mine now" }), HttpStatusCode.Forbidden, "not_host");
        var invalid = await Problem.ExpectAsync(await host.PatchAsJsonAsync($"/api/sessions/{session.Id}", new { title = new string('x', 201), durationMinutes = 0, latitude = 10.0 }), HttpStatusCode.BadRequest, "validation_failed");
        Assert.Equal(["durationMinutes", "latitude", "title"], invalid.Errors.Keys.Order());
    }

    [Fact]
    public async Task Once_live_a_session_keeps_its_time_and_place_and_cannot_be_cancelled()
    {
        var (host, _) = await _server.SignUpAsync();
        var session = await RunningServer.CreateSessionAsync(host, startInMinutes: -2);
        Assert.Equal("live", session.Status);
        await Problem.ExpectAsync(await host.PatchAsJsonAsync($"/api/sessions/{session.Id}", new { startTime = DateTimeOffset.UtcNow.AddHours(1) }), HttpStatusCode.Conflict, "session_started");
        await Problem.ExpectAsync(await host.PatchAsJsonAsync($"/api/sessions/{session.Id}", new { latitude = 1.0, longitude = 1.0 }), HttpStatusCode.Conflict, "session_started");
        await Problem.ExpectAsync(await host.PostAsJsonAsync($"/api/sessions/{session.Id}/cancel", new { reason = "too late" }), HttpStatusCode.Conflict, "session_started");
        Assert.Equal("Room 101", (await (await host.PatchAsJsonAsync($"/api/sessions/{session.Id}", new { title = "Room 101" })).Content.ReadFromJsonAsync<SessionDto>())!.Title);

        (await host.PostAsync($"/api/sessions/{session.Id}/end", null)).EnsureSuccessStatusCode();
        await Problem.ExpectAsync(await host.PatchAsJsonAsync($"/api/sessions/{session.Id}", new { title = "After" }), HttpStatusCode.Conflict, "session_finished");
    }

    [Fact]
    public async Task A_cancelled_session_leaves_the_map_refuses_joins_and_chat_and_tells_its_participants_why()
    {
        var (host, hostAuth) = await _server.SignUpAsync();
        var (guest, guestAuth) = await _server.SignUpAsync();
        var (late, _) = await _server.SignUpAsync();
        var place = (-33.8688, 151.2093);
        var session = await RunningServer.CreateSessionAsync(host, place.Item1, place.Item2);
        (await guest.PostAsync($"/api/sessions/{session.Id}/join", null)).EnsureSuccessStatusCode();
        (await guest.PostAsJsonAsync($"/api/sessions/{session.Id}/messages", new { content = "see you there" })).EnsureSuccessStatusCode();
        await using var participant = await HubListener.ConnectAsync(_server, guestAuth.Token);
        await participant.Connection.InvokeAsync<SubscribeResult>("SubscribeSession", session.Id.ToString());
        await using var map = await HubListener.ConnectAsync(_server, hostAuth.Token);
        Assert.Contains((await map.Connection.InvokeAsync<ItemsDto<SessionDto>>("WatchArea", place.Item1, place.Item2, 5.0)).Items, s => s.Id == session.Id);

        await Problem.ExpectAsync(await guest.PostAsJsonAsync($"/api/sessions/{session.Id}/cancel", new { }), HttpStatusCode.Forbidden, "not_host");
        var cancelled = (await (await host.PostAsJsonAsync($"/api/sessions/{session.Id}/cancel", new { reason = "Library closed for a fire drill" })).Content.ReadFromJsonAsync<SessionDto>())!;
        Assert.Equal(("cancelled", "Library closed for a fire drill", 2), (cancelled.Status, cancelled.CancelReason, cancelled.Version));

        await Eventually.HoldsAsync(() => Task.FromResult(participant.Events(HubEvents.SessionCancelled).Any(e =>
            e.GetProperty("sessionId").GetGuid() == session.Id && e.GetProperty("reason").GetString() == "Library closed for a fire drill")), Patience, "sessionCancelled");
        await Eventually.HoldsAsync(() => Task.FromResult(map.Events(HubEvents.SessionRemoved).Any(e => e.GetProperty("sessionId").GetGuid() == session.Id
            && e.GetProperty("reason").GetString() == "cancelled" && e.GetProperty("cancelReason").GetString() == "Library closed for a fire drill")),
            Patience, "sessionRemoved on the map, saying it was cancelled and why");
        Assert.DoesNotContain(await NearbyAsync(guest, place), s => s.Id == session.Id);
        await Problem.ExpectAsync(await late.PostAsync($"/api/sessions/{session.Id}/join", null), HttpStatusCode.Conflict, "session_cancelled");
        await Problem.ExpectAsync(await late.PostAsync($"/api/sessions/{session.Id}/waitlist", null), HttpStatusCode.Conflict, "session_cancelled");
        await Problem.ExpectAsync(await guest.PostAsJsonAsync($"/api/sessions/{session.Id}/messages", new { content = "oh no" }), HttpStatusCode.Conflict, "session_cancelled");
        var hubRefusal = await Assert.ThrowsAsync<HubException>(() => participant.Connection.InvokeAsync<MessageDto>("SendMessage", session.Id.ToString(), "oh no"));
        Assert.Contains("session_cancelled:", hubRefusal.Message);
        // Read-only, not gone: the chat so far can still be read.
        Assert.Contains((await guest.GetFromJsonAsync<ItemsDto<MessageDto>>($"/api/sessions/{session.Id}/messages"))!.Items, m => m.Content == "see you there");
        await Problem.ExpectAsync(await host.PatchAsJsonAsync($"/api/sessions/{session.Id}", new { title = "Back on" }), HttpStatusCode.Conflict, "session_cancelled");

        // Durable, and the lifecycle sweep leaves it cancelled rather than moving it on by the clock.
        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.Equal("cancelled", await fixture.Database.ScalarAsync<string>("SELECT status FROM study_sessions WHERE id = $1", session.Id));
        Assert.Equal("cancelled", (await guest.GetFromJsonAsync<SessionDto>($"/api/sessions/{session.Id}"))!.Status);
        // Cancelling again is harmless.
        Assert.Equal(2, (await (await host.PostAsJsonAsync($"/api/sessions/{session.Id}/cancel", new { })).Content.ReadFromJsonAsync<SessionDto>())!.Version);
    }

    private static async Task<IReadOnlyList<SessionDto>> NearbyAsync(HttpClient client, (double Lat, double Lng) at) =>
        (await client.GetFromJsonAsync<ItemsDto<SessionDto>>($"/api/sessions/nearby?lat={at.Lat}&lng={at.Lng}&radiusKm=10"))!.Items;
}
