using DeepWorkMap.Contracts.Api;
using DeepWorkMap.Contracts.Chat;
using DeepWorkMap.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.SignalR.Client;

namespace DeepWorkMap.IntegrationTests.Realtime;

/// <summary>
/// Two front doors, each with its own silo, in one cluster on Redis and PostgreSQL. No SignalR backplane:
/// Orleans carries what a grain on one silo accepted to the clients of the other front door.
/// </summary>
public sealed class TwoFrontDoorsTests
{
    [Fact]
    public async Task Clients_on_either_front_door_hear_what_the_other_accepted()
    {
        await using var doors = await TwoFrontDoors.StartAsync("doors");
        var (a, b) = (doors.A, doors.B);

        var (hostOnB, hostAuth) = await b.SignUpAsync();
        var (guestOnB, guestAuth) = await b.SignUpAsync();
        var (lat, lng) = (59.0 + Random.Shared.NextDouble(), 18.0 + Random.Shared.NextDouble());

        // A watcher on A sees a session created through B appear on its map.
        await using var watcherOnA = await HubListener.ConnectAsync(a, guestAuth.Token);
        await watcherOnA.Connection.InvokeAsync<ItemsDto<SessionDto>>("WatchArea", lat, lng, 10.0);
        var session = await RunningServer.CreateSessionAsync(hostOnB, lat, lng);
        await Eventually.HoldsAsync(() => Task.FromResult(watcherOnA.SessionChanges.Any(s => s.Id == session.Id)), TimeSpan.FromSeconds(20), "the session on A's map");
        (await guestOnB.PostAsync($"/api/sessions/{session.Id}/join", null)).EnsureSuccessStatusCode();

        // The session grain lives on one silo; one of the two front doors is remote from it either way.
        await using var onA = await HubListener.ConnectAsync(a, guestAuth.Token);
        await using var onB = await HubListener.ConnectAsync(b, hostAuth.Token);
        await onA.Connection.InvokeAsync<SubscribeResult>("SubscribeSession", session.Id.ToString());
        await onB.Connection.InvokeAsync<SubscribeResult>("SubscribeSession", session.Id.ToString());
        for (var i = 0; i < 10; i++)
        {
            await onA.Connection.InvokeAsync<MessageDto>("SendMessage", session.Id.ToString(), $"from A {i}");
            await onB.Connection.InvokeAsync<MessageDto>("SendMessage", session.Id.ToString(), $"from B {i}");
        }

        await Eventually.HoldsAsync(() => Task.FromResult(onA.Messages.Count >= 20 && onB.Messages.Count >= 20), TimeSpan.FromSeconds(20), "20 messages on both front doors");
        var expected = Enumerable.Range(0, 10).SelectMany(i => new[] { $"from A {i}", $"from B {i}" });
        Assert.Equal(expected, onA.Messages.Select(m => m.Content));
        Assert.Equal(expected, onB.Messages.Select(m => m.Content));
        Assert.Equal(Enumerable.Range(1, 20).Select(i => (long)i), onA.Messages.Select(m => m.Seq));
    }

    [Fact]
    public async Task A_notification_reaches_every_connection_of_its_user_on_both_front_doors_and_a_seat_from_the_waitlist_too()
    {
        await using var doors = await TwoFrontDoors.StartAsync("notify");
        var (host, _) = await doors.A.SignUpAsync();
        var (first, _) = await doors.A.SignUpAsync();
        var (waiting, waitingAuth) = await doors.B.SignUpAsync();
        await using var phoneOnA = await HubListener.ConnectAsync(doors.A, waitingAuth.Token);
        await using var laptopOnB = await HubListener.ConnectAsync(doors.B, waitingAuth.Token);
        var session = await RunningServer.CreateSessionAsync(host, maxParticipants: 2);
        (await first.PostAsync($"/api/sessions/{session.Id}/join", null)).EnsureSuccessStatusCode();
        (await waiting.PostAsync($"/api/sessions/{session.Id}/waitlist", null)).EnsureSuccessStatusCode();

        (await first.PostAsync($"/api/sessions/{session.Id}/leave", null)).EnsureSuccessStatusCode();
        foreach (var connection in new[] { phoneOnA, laptopOnB })
        {
            await Eventually.HoldsAsync(() => Task.FromResult(
                connection.Events(HubEvents.Notification).Count(e => e.GetProperty("kind").GetString() == "waitlist_promoted") == 1
                && connection.Events(HubEvents.PromotedFromWaitlist).Count == 1), TimeSpan.FromSeconds(20), "the seat, on each connection, once");
        }
    }
}
