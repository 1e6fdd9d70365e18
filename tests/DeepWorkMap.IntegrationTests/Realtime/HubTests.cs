using System.Net.Http.Json;
using System.Text.Json;
using DeepWorkMap.Contracts.Api;
using DeepWorkMap.IntegrationTests.Chat;
using DeepWorkMap.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace DeepWorkMap.IntegrationTests.Realtime;

/// <summary>docs/api.md's real-time hub, driven by the .NET SignalR client against Kestrel on loopback, in cluster mode.</summary>
public sealed class HubTests(ChatServerFixture fixture) : IClassFixture<ChatServerFixture>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);
    private readonly RunningServer _server = fixture.Server;

    [Fact]
    public async Task Each_message_reaches_each_of_20_subscribers_once_in_seq_order()
    {
        var (host, hostAuth) = await _server.SignUpAsync();
        var session = await RunningServer.CreateSessionAsync(host);
        var members = new List<AuthResult> { hostAuth };
        for (var i = 0; i < 19; i++)
        {
            var (guest, auth) = await _server.SignUpAsync();
            (await guest.PostAsync($"/api/sessions/{session.Id}/join", null)).EnsureSuccessStatusCode();
            members.Add(auth);
        }
        var listeners = await Task.WhenAll(members.Select(m => HubListener.ConnectAsync(_server, m.Token)));
        await Task.WhenAll(listeners.Select(l => l.Connection.InvokeAsync<SubscribeResult>("SubscribeSession", session.Id.ToString())));

        // Five members send twenty each, all at once, over their own connections.
        var sent = await Task.WhenAll(listeners.Take(5).Select(async (sender, s) =>
        {
            var mine = new List<MessageDto>();
            for (var i = 0; i < 20; i++)
                mine.Add(await sender.Connection.InvokeAsync<MessageDto>("SendMessage", session.Id.ToString(), $"sender {s} line {i}"));
            return mine;
        }));
        var bySeq = sent.SelectMany(m => m).ToDictionary(m => m.Seq);
        Assert.Equal(Enumerable.Range(1, 100).Select(i => (long)i), bySeq.Keys.Order());

        await Eventually.HoldsAsync(() => Task.FromResult(listeners.All(l => l.Messages.Count >= 100)), Patience, "100 messages at every subscriber");
        await Task.Delay(500); // room for a duplicate to show up
        foreach (var listener in listeners)
        {
            var received = listener.Messages;
            Assert.Equal(Enumerable.Range(1, 100).Select(i => (long)i), received.Select(m => m.Seq));
            Assert.All(received, m => Assert.Equal(bySeq[m.Seq], m));
        }
        foreach (var listener in listeners) await listener.DisposeAsync();
    }

    [Fact]
    public async Task SubscribeSession_answers_the_session_and_its_recent_messages_oldest_first()
    {
        var (host, hostAuth) = await _server.SignUpAsync();
        var session = await RunningServer.CreateSessionAsync(host);
        foreach (var text in new[] { "one", "two", "three" })
            (await host.PostAsync($"/api/sessions/{session.Id}/messages", System.Net.Http.Json.JsonContent.Create(new { content = text }))).EnsureSuccessStatusCode();

        await using var listener = await HubListener.ConnectAsync(_server, hostAuth.Token);
        var result = await listener.Connection.InvokeAsync<SubscribeResult>("SubscribeSession", session.Id.ToString());

        Assert.Equal(session.Id, result.Session.Id);
        Assert.Equal(hostAuth.User, result.Session.Host);
        Assert.Equal(["one", "two", "three"], result.RecentMessages.Select(m => m.Content));
        Assert.Equal([1L, 2L, 3L], result.RecentMessages.Select(m => m.Seq));
    }

    /// <summary>A page that joined held the list as an outsider sees it (no presence): the subscribe's answer is the participant's list.</summary>
    [Fact]
    public async Task SubscribeSession_answers_who_takes_part_with_their_presence_and_goals()
    {
        var (host, hostAuth) = await _server.SignUpAsync();
        var (guest, guestAuth) = await _server.SignUpAsync();
        var session = await RunningServer.CreateSessionAsync(host);
        await using var hostLive = await HubListener.ConnectAsync(_server, hostAuth.Token);
        await hostLive.Connection.InvokeAsync<SubscribeResult>("SubscribeSession", session.Id.ToString());
        (await host.PutAsJsonAsync($"/api/sessions/{session.Id}/goal", new { text = "Chapter 4" })).EnsureSuccessStatusCode();
        await Eventually.HoldsAsync(async () => (await host.GetFromJsonAsync<List<ParticipantDto>>($"/api/sessions/{session.Id}/participants"))!
            .Single(p => p.User.Id == hostAuth.User.Id).Presence == "online", Patience, "the host present");
        (await guest.PostAsync($"/api/sessions/{session.Id}/join", null)).EnsureSuccessStatusCode();

        await using var guestLive = await HubListener.ConnectAsync(_server, guestAuth.Token);
        var result = await guestLive.Connection.InvokeAsync<SubscribeResult>("SubscribeSession", session.Id.ToString());

        var hostAsSeen = Assert.Single(result.Participants, p => p.User.Id == hostAuth.User.Id);
        Assert.Equal(("host", "online", "Chapter 4"), (hostAsSeen.Role, hostAsSeen.Presence, hostAsSeen.Goal?.Text));
        Assert.Equal("participant", Assert.Single(result.Participants, p => p.User.Id == guestAuth.User.Id).Role);
        Assert.Equal(2, result.Participants.Count);
    }

    [Fact]
    public async Task Outsiders_unknown_sessions_and_bad_ids_are_refused_with_a_code()
    {
        var (host, _) = await _server.SignUpAsync();
        var session = await RunningServer.CreateSessionAsync(host);
        var (_, outsiderAuth) = await _server.SignUpAsync();
        await using var outsider = await HubListener.ConnectAsync(_server, outsiderAuth.Token);

        await ExpectRefusal("not_participant:", () => outsider.Connection.InvokeAsync<SubscribeResult>("SubscribeSession", session.Id.ToString()));
        await ExpectRefusal("not_participant:", () => outsider.Connection.InvokeAsync<MessageDto>("SendMessage", session.Id.ToString(), "hello?"));
        await ExpectRefusal("not_found:", () => outsider.Connection.InvokeAsync<SubscribeResult>("SubscribeSession", Guid.NewGuid().ToString()));
        await ExpectRefusal("validation_failed:", () => outsider.Connection.InvokeAsync<SubscribeResult>("SubscribeSession", "not-a-uuid"));
        await ExpectRefusal("validation_failed:", () => outsider.Connection.InvokeAsync<ItemsDto<SessionDto>>("WatchArea", 91.0, 0.0, 5.0));
        await ExpectRefusal("validation_failed:", () => outsider.Connection.InvokeAsync<ItemsDto<SessionDto>>("WatchArea", 10.0, 10.0, 0.0));
        await ExpectRefusal("validation_failed:", () => outsider.Connection.InvokeAsync<ItemsDto<SessionDto>>("WatchArea", 10.0, 10.0, 100.5));

        // The refused connection heard nothing, and the connection itself is still usable.
        using var hostClient = host;
        (await host.PostAsync($"/api/sessions/{session.Id}/messages", System.Net.Http.Json.JsonContent.Create(new { content = "private" }))).EnsureSuccessStatusCode();
        await Task.Delay(300);
        Assert.Empty(outsider.All);
        Assert.Equal(HubConnectionState.Connected, outsider.Connection.State);
    }

    [Fact]
    public async Task A_bad_token_cannot_connect()
    {
        var error = await Assert.ThrowsAsync<HttpRequestException>(() => _server.ConnectHubAsync("not.a.token"));
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, error.StatusCode);
    }

    [Fact]
    public async Task Subscribers_see_people_join_and_leave_with_the_seat_count()
    {
        var (host, hostAuth) = await _server.SignUpAsync();
        var (guest, guestAuth) = await _server.SignUpAsync();
        var session = await RunningServer.CreateSessionAsync(host);
        await using var listener = await HubListener.ConnectAsync(_server, hostAuth.Token);
        await listener.Connection.InvokeAsync<SubscribeResult>("SubscribeSession", session.Id.ToString());

        (await guest.PostAsync($"/api/sessions/{session.Id}/join", null)).EnsureSuccessStatusCode();
        await Eventually.HoldsAsync(() => Task.FromResult(listener.Events(HubEvents.ParticipantJoined).Count == 1), Patience, "participantJoined");
        var joined = listener.Events(HubEvents.ParticipantJoined)[0].Deserialize<ParticipantJoinedEvent>(HubListener.Json)!;
        // The newcomer as the participant list shows them to the host, so the host's page need not read the list again.
        var listed = (await host.GetFromJsonAsync<List<ParticipantDto>>($"/api/sessions/{session.Id}/participants"))!.Single(p => p.User.Id == guestAuth.User.Id);
        Assert.Equal(new ParticipantJoinedEvent(session.Id, guestAuth.User, "participant", 2, listed), joined);
        Assert.Equal("offline", joined.Participant.Presence);
        await Eventually.HoldsAsync(() => Task.FromResult(listener.SessionChanges.Any(s => s.CurrentParticipants == 2)), Patience, "sessionChanged with 2 seats taken");

        (await guest.PostAsync($"/api/sessions/{session.Id}/leave", null)).EnsureSuccessStatusCode();
        await Eventually.HoldsAsync(() => Task.FromResult(listener.Events(HubEvents.ParticipantLeft).Count == 1), Patience, "participantLeft");
        var left = listener.Events(HubEvents.ParticipantLeft)[0].Deserialize<ParticipantLeftEvent>(HubListener.Json)!;
        Assert.Equal(new ParticipantLeftEvent(session.Id, guestAuth.User.Id, 1), left);
    }

    [Fact]
    public async Task A_watched_area_sees_a_session_appear_fill_up_and_go()
    {
        var (host, hostAuth) = await _server.SignUpAsync();
        var (guest, _) = await _server.SignUpAsync();
        var (lat, lng) = (-33.0 + Random.Shared.NextDouble(), 151.0 + Random.Shared.NextDouble());
        await using var watcher = await HubListener.ConnectAsync(_server, hostAuth.Token);
        var before = await watcher.Connection.InvokeAsync<ItemsDto<SessionDto>>("WatchArea", lat, lng, 5.0);
        Assert.Empty(before.Items);

        var inside = await RunningServer.CreateSessionAsync(host, lat + 0.02, lng);        // ~2.2 km north
        var outside = await RunningServer.CreateSessionAsync(host, lat + 0.06, lng);       // ~6.7 km north
        await Eventually.HoldsAsync(() => Task.FromResult(watcher.SessionChanges.Any(s => s.Id == inside.Id)), Patience, "the new session on the map");

        (await guest.PostAsync($"/api/sessions/{inside.Id}/join", null)).EnsureSuccessStatusCode();
        await Eventually.HoldsAsync(() => Task.FromResult(watcher.SessionChanges.Any(s => s.Id == inside.Id && s.CurrentParticipants == 2)), Patience, "the seat count change");

        (await host.PostAsync($"/api/sessions/{inside.Id}/end", null)).EnsureSuccessStatusCode();
        await Eventually.HoldsAsync(() => Task.FromResult(watcher.Events(HubEvents.SessionRemoved).Any(e => e.GetProperty("sessionId").GetGuid() == inside.Id)), Patience, "sessionRemoved");
        // It says why, so a page showing the session need not read it again.
        Assert.Equal(("finished", JsonValueKind.Null), watcher.Events(HubEvents.SessionRemoved).Where(e => e.GetProperty("sessionId").GetGuid() == inside.Id)
            .Select(e => (e.GetProperty("reason").GetString(), e.GetProperty("cancelReason").ValueKind)).Single());

        Assert.DoesNotContain(watcher.SessionChanges, s => s.Id == outside.Id);
        Assert.Equal([1, 2], watcher.SessionChanges.Where(s => s.Id == inside.Id).Select(s => s.CurrentParticipants).Distinct());
    }

    [Fact]
    public async Task A_watched_view_pushes_the_sessions_in_it_up_close_and_word_of_changed_clusters_far_out()
    {
        var (host, hostAuth) = await _server.SignUpAsync();
        var (lat, lng) = (60.0 + Random.Shared.NextDouble(), 20.0 + Random.Shared.NextDouble());
        var box = FormattableString.Invariant($"{lng - 0.1},{lat - 0.05},{lng + 0.1},{lat + 0.05}");
        await using var close = await HubListener.ConnectAsync(_server, hostAuth.Token);
        var up = await close.Connection.InvokeAsync<ViewPage>("WatchView", box, 13);
        Assert.Equal((0, null), (up.Total, up.Clusters));
        await using var far = await HubListener.ConnectAsync(_server, hostAuth.Token);
        var wide = FormattableString.Invariant($"{lng - 8},{lat - 4},{lng + 8},{lat + 4}");
        Assert.NotNull((await far.Connection.InvokeAsync<ViewPage>("WatchView", wide, 6)).Clusters);

        var inside = await RunningServer.CreateSessionAsync(host, lat, lng);
        var outside = await RunningServer.CreateSessionAsync(host, lat + 0.2, lng);  // in the wide view only
        await Eventually.HoldsAsync(() => Task.FromResult(close.SessionChanges.Any(s => s.Id == inside.Id)), Patience, "the new session in the view");
        await Eventually.HoldsAsync(() => Task.FromResult(far.Events(HubEvents.ViewChanged).Count > 0), Patience, "viewChanged for the clusters");
        Assert.DoesNotContain(close.SessionChanges, s => s.Id == outside.Id);
        Assert.Empty(far.SessionChanges);
        // Changes close together come as one word (at most one every half second).
        Assert.InRange(far.Events(HubEvents.ViewChanged).Count, 1, 2);
        Assert.Equal(2, (await far.Connection.InvokeAsync<ViewPage>("WatchView", wide, 6)).Total);

        await ExpectRefusal("validation_failed:", () => close.Connection.InvokeAsync<ViewPage>("WatchView", "1,2,3", 13));
        await ExpectRefusal("validation_failed:", () => close.Connection.InvokeAsync<ViewPage>("WatchView", "-180,-80,180,80", 2));
    }

    [Fact]
    public async Task A_new_session_reaches_each_of_30_watchers_whose_circle_holds_it_once_and_no_watcher_beside_it()
    {
        var (host, _) = await _server.SignUpAsync();
        var (lat, lng) = (35.0 + Random.Shared.NextDouble(), -100.0 + Random.Shared.NextDouble());
        // 30 circles around the spot (more watchers than get a send each), and 5 circles 8 km off that miss it.
        var watchers = new List<HubListener>();
        for (var i = 0; i < 35; i++)
        {
            var (_, auth) = await _server.SignUpAsync();
            var listener = await HubListener.ConnectAsync(_server, auth.Token);
            var offsetKm = i < 30 ? 0.0 : 8.0;
            await listener.Connection.InvokeAsync<ItemsDto<SessionDto>>("WatchArea", lat + offsetKm / 111.2, lng, 3.0);
            watchers.Add(listener);
        }
        try
        {
            var session = await RunningServer.CreateSessionAsync(host, lat, lng);
            int Heard(HubListener w) => w.SessionChanges.Count(s => s.Id == session.Id);
            await Eventually.HoldsAsync(() => Task.FromResult(watchers.Take(30).All(w => Heard(w) >= 1)), Patience, "the new session on 30 maps");
            await Task.Delay(500); // a second copy, or a push to the others, would be here by now
            Assert.All(watchers.Take(30), w => Assert.Equal(1, Heard(w)));
            Assert.All(watchers.Skip(30), w => Assert.Equal(0, Heard(w)));
        }
        finally
        {
            foreach (var watcher in watchers) await watcher.DisposeAsync();
        }
    }

    [Fact]
    public async Task Every_seat_taken_reaches_each_of_12_live_maps_once_in_order_two_of_them_one_users()
    {
        var (host, _) = await _server.SignUpAsync();
        var (lat, lng) = (-20.0 + Random.Shared.NextDouble(), 130.0 + Random.Shared.NextDouble());
        // One send serializes each change once for all the maps holding it: each of them must still hear it, once, and
        // in the order the seats were taken. Two maps are one user's (the send is per connection), two miss the spot.
        var (_, twiceAuth) = await _server.SignUpAsync();
        var watchers = new List<HubListener>();
        for (var i = 0; i < 14; i++)
        {
            var token = i < 2 ? twiceAuth.Token : (await _server.SignUpAsync()).Auth.Token;
            var listener = await HubListener.ConnectAsync(_server, token);
            var offsetKm = i < 12 ? 0.0 : 8.0;
            await listener.Connection.InvokeAsync<ItemsDto<SessionDto>>("WatchArea", lat + offsetKm / 111.2, lng, 3.0);
            watchers.Add(listener);
        }
        try
        {
            var session = await RunningServer.CreateSessionAsync(host, lat, lng);
            for (var seat = 0; seat < 5; seat++)
            {
                var (guest, _) = await _server.SignUpAsync();
                (await guest.PostAsync($"/api/sessions/{session.Id}/join", null)).EnsureSuccessStatusCode();
            }
            List<int> Heard(HubListener w) => w.SessionChanges.Where(s => s.Id == session.Id).Select(s => s.CurrentParticipants).ToList();
            await Eventually.HoldsAsync(() => Task.FromResult(watchers.Take(12).All(w => Heard(w).Contains(6))), Patience, "the fifth seat on 12 maps");
            await Task.Delay(500); // a second copy, or a push to the others, would be here by now
            Assert.All(watchers.Take(12), w => Assert.Equal([1, 2, 3, 4, 5, 6], Heard(w)));
            Assert.All(watchers.Skip(12), w => Assert.Empty(Heard(w)));
        }
        finally
        {
            foreach (var watcher in watchers) await watcher.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_watched_area_names_the_host_as_renamed_in_the_next_change()
    {
        var (host, hostAuth) = await _server.SignUpAsync();
        var (first, _) = await _server.SignUpAsync();
        var (second, _) = await _server.SignUpAsync();
        var (lat, lng) = (-20.0 + Random.Shared.NextDouble(), 30.0 + Random.Shared.NextDouble());
        await using var watcher = await HubListener.ConnectAsync(_server, hostAuth.Token);
        await watcher.Connection.InvokeAsync<ItemsDto<SessionDto>>("WatchArea", lat, lng, 5.0);
        var session = await RunningServer.CreateSessionAsync(host, lat, lng);

        SessionDto? Seen(int participants) => watcher.SessionChanges.LastOrDefault(s => s.Id == session.Id && s.CurrentParticipants == participants);

        (await first.PostAsync($"/api/sessions/{session.Id}/join", null)).EnsureSuccessStatusCode();
        await Eventually.HoldsAsync(() => Task.FromResult(Seen(2) is not null), Patience, "the first join on the map");
        Assert.Equal(hostAuth.User.DisplayName, Seen(2)!.Host!.DisplayName);

        (await host.PatchAsync("/api/me", System.Net.Http.Json.JsonContent.Create(new { displayName = "Renamed Host" }))).EnsureSuccessStatusCode();
        (await second.PostAsync($"/api/sessions/{session.Id}/join", null)).EnsureSuccessStatusCode();
        await Eventually.HoldsAsync(() => Task.FromResult(Seen(3) is not null), Patience, "the second join on the map");
        Assert.Equal("Renamed Host", Seen(3)!.Host!.DisplayName);
    }

    [Fact]
    public async Task After_a_rename_history_recent_messages_acks_and_live_pushes_all_show_the_current_name()
    {
        var (host, hostAuth) = await _server.SignUpAsync();
        var (guest, guestAuth) = await _server.SignUpAsync();
        var session = await RunningServer.CreateSessionAsync(host);
        (await guest.PostAsync($"/api/sessions/{session.Id}/join", null)).EnsureSuccessStatusCode();
        await using var hostListener = await HubListener.ConnectAsync(_server, hostAuth.Token);
        await hostListener.Connection.InvokeAsync<SubscribeResult>("SubscribeSession", session.Id.ToString());
        await using var sender = await HubListener.ConnectAsync(_server, guestAuth.Token);
        await sender.Connection.InvokeAsync<SubscribeResult>("SubscribeSession", session.Id.ToString());

        var before = await sender.Connection.InvokeAsync<MessageDto>("SendMessage", session.Id.ToString(), "before the rename");
        Assert.Equal(guestAuth.User.DisplayName, before.User.DisplayName);
        (await guest.PatchAsync("/api/me", System.Net.Http.Json.JsonContent.Create(new { displayName = "Guest Renamed" }))).EnsureSuccessStatusCode();
        // The same hub connection as before the rename, so nothing it remembered may name the sender.
        var after = await sender.Connection.InvokeAsync<MessageDto>("SendMessage", session.Id.ToString(), "after the rename");

        Assert.Equal("Guest Renamed", after.User.DisplayName);
        await Eventually.HoldsAsync(() => Task.FromResult(hostListener.Messages.Any(m => m.Id == after.Id)), Patience, "the push of the second message");
        Assert.Equal("Guest Renamed", hostListener.Messages.Single(m => m.Id == after.Id).User.DisplayName);
        var history = (await host.GetFromJsonAsync<ItemsDto<MessageDto>>($"/api/sessions/{session.Id}/messages"))!.Items;
        Assert.Equal(["Guest Renamed", "Guest Renamed"], history.Select(m => m.User.DisplayName));
        await using var late = await HubListener.ConnectAsync(_server, hostAuth.Token);
        var recent = await late.Connection.InvokeAsync<SubscribeResult>("SubscribeSession", session.Id.ToString());
        Assert.Equal(["Guest Renamed", "Guest Renamed"], recent.RecentMessages.Select(m => m.User.DisplayName));
    }

    [Fact]
    public async Task WatchArea_answers_what_nearby_answers_and_a_new_watch_replaces_the_old()
    {
        var (host, hostAuth) = await _server.SignUpAsync();
        var (lat, lng) = (40.0 + Random.Shared.NextDouble(), -3.0 - Random.Shared.NextDouble());
        var existing = await RunningServer.CreateSessionAsync(host, lat, lng + 0.01);
        await using var watcher = await HubListener.ConnectAsync(_server, hostAuth.Token);

        var first = await watcher.Connection.InvokeAsync<ItemsDto<SessionDto>>("WatchArea", lat, lng, 3.0);
        Assert.Equal(existing.Id, Assert.Single(first.Items).Id);
        Assert.NotNull(first.Items[0].DistanceKm);

        // Move the watch far away: changes at the old place are no longer pushed.
        await watcher.Connection.InvokeAsync<ItemsDto<SessionDto>>("WatchArea", -lat, -lng, 3.0);
        await RunningServer.CreateSessionAsync(host, lat, lng);
        var elsewhere = await RunningServer.CreateSessionAsync(host, -lat, -lng);
        await Eventually.HoldsAsync(() => Task.FromResult(watcher.SessionChanges.Any(s => s.Id == elsewhere.Id)), Patience, "a change at the new place");
        Assert.Equal([elsewhere.Id], watcher.SessionChanges.Select(s => s.Id).Distinct());
    }

    private static async Task ExpectRefusal(string prefix, Func<Task> call)
    {
        var error = await Assert.ThrowsAsync<HubException>(call);
        Assert.Contains(prefix, error.Message);
    }
}
