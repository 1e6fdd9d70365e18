using System.Net;
using System.Net.Http.Json;
using DeepWorkMap.Contracts.Api;
using DeepWorkMap.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.SignalR.Client;

namespace DeepWorkMap.IntegrationTests.Accounts;

/// <summary>Blocking: no joining the blocker's sessions, and no seeing each other's messages, live or in history.</summary>
public sealed class BlockingTests(DurableServerFixture fixture) : IClassFixture<DurableServerFixture>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);
    private readonly RunningServer _server = fixture.Server;

    [Fact]
    public async Task A_blocked_user_cannot_join_the_blockers_sessions_until_unblocked()
    {
        var (ada, adaAuth) = await _server.SignUpAsync();
        var (ben, benAuth) = await _server.SignUpAsync();
        var session = await RunningServer.CreateSessionAsync(ada);

        Assert.Equal(HttpStatusCode.NoContent, (await ada.PostAsync($"/api/users/{benAuth.User.Id}/block", null)).StatusCode);
        Assert.Equal([benAuth.User], (await ada.GetFromJsonAsync<List<UserDto>>("/api/me/blocks"))!);
        await Problem.ExpectAsync(await ben.PostAsync($"/api/sessions/{session.Id}/join", null), HttpStatusCode.Conflict, "blocked");
        await Problem.ExpectAsync(await ada.PostAsync($"/api/users/{adaAuth.User.Id}/block", null), HttpStatusCode.BadRequest, "validation_failed");
        await Problem.ExpectAsync(await ada.PostAsync($"/api/users/{Guid.NewGuid()}/block", null), HttpStatusCode.NotFound, "not_found");

        Assert.Equal(HttpStatusCode.NoContent, (await ada.DeleteAsync($"/api/users/{benAuth.User.Id}/block")).StatusCode);
        Assert.Empty((await ada.GetFromJsonAsync<List<UserDto>>("/api/me/blocks"))!);
        (await ben.PostAsync($"/api/sessions/{session.Id}/join", null)).EnsureSuccessStatusCode();
    }

    [Fact]
    public async Task In_a_shared_session_neither_sees_the_others_messages_live_or_in_history_and_everyone_else_sees_both()
    {
        var (host, hostAuth) = await _server.SignUpAsync();
        var (ada, adaAuth) = await _server.SignUpAsync();
        var (ben, benAuth) = await _server.SignUpAsync();
        var session = await RunningServer.CreateSessionAsync(host);
        (await ada.PostAsync($"/api/sessions/{session.Id}/join", null)).EnsureSuccessStatusCode();
        (await ben.PostAsync($"/api/sessions/{session.Id}/join", null)).EnsureSuccessStatusCode();
        await using var adaLive = await HubListener.ConnectAsync(_server, adaAuth.Token);
        await using var benLive = await HubListener.ConnectAsync(_server, benAuth.Token);
        await using var hostLive = await HubListener.ConnectAsync(_server, hostAuth.Token);
        foreach (var live in new[] { adaLive, benLive, hostLive })
            await live.Connection.InvokeAsync<SubscribeResult>("SubscribeSession", session.Id.ToString());

        (await ada.PostAsync($"/api/users/{benAuth.User.Id}/block", null)).EnsureSuccessStatusCode();
        var fromBen = await benLive.Connection.InvokeAsync<MessageDto>("SendMessage", session.Id.ToString(), "from ben");
        var fromAda = await adaLive.Connection.InvokeAsync<MessageDto>("SendMessage", session.Id.ToString(), "from ada");
        var fromHost = await hostLive.Connection.InvokeAsync<MessageDto>("SendMessage", session.Id.ToString(), "from the host");

        await Eventually.HoldsAsync(() => Task.FromResult(hostLive.Messages.Count >= 3 && adaLive.Messages.Any(m => m.Id == fromHost.Id) && benLive.Messages.Any(m => m.Id == fromHost.Id)),
            Patience, "every message that may be seen");
        await Task.Delay(300);
        Assert.DoesNotContain(adaLive.Messages, m => m.Id == fromBen.Id);
        Assert.DoesNotContain(benLive.Messages, m => m.Id == fromAda.Id);
        Assert.Equal([fromBen.Id, fromAda.Id, fromHost.Id], hostLive.Messages.Select(m => m.Id));

        Assert.DoesNotContain((await ada.GetFromJsonAsync<ItemsDto<MessageDto>>($"/api/sessions/{session.Id}/messages"))!.Items, m => m.Id == fromBen.Id);
        Assert.DoesNotContain((await ben.GetFromJsonAsync<ItemsDto<MessageDto>>($"/api/sessions/{session.Id}/messages"))!.Items, m => m.Id == fromAda.Id);
        Assert.Equal(3, (await host.GetFromJsonAsync<ItemsDto<MessageDto>>($"/api/sessions/{session.Id}/messages"))!.Items.Count);
        await using var adaAgain = await HubListener.ConnectAsync(_server, adaAuth.Token);
        var recent = await adaAgain.Connection.InvokeAsync<SubscribeResult>("SubscribeSession", session.Id.ToString());
        Assert.DoesNotContain(recent.RecentMessages, m => m.Id == fromBen.Id);

        // Unblocked, they hear each other again.
        (await ada.DeleteAsync($"/api/users/{benAuth.User.Id}/block")).EnsureSuccessStatusCode();
        var again = await benLive.Connection.InvokeAsync<MessageDto>("SendMessage", session.Id.ToString(), "hello again");
        await Eventually.HoldsAsync(() => Task.FromResult(adaLive.Messages.Any(m => m.Id == again.Id)), Patience, "the message after the unblock");
    }

    [Fact]
    public async Task A_block_ends_follows_both_ways_and_neither_can_follow_see_the_profile_stats_or_leaderboard_entry_of_the_other_or_hear_they_host()
    {
        var (ada, adaAuth) = await _server.SignUpAsync();
        var (ben, benAuth) = await _server.SignUpAsync();
        var (carl, carlAuth) = await _server.SignUpAsync();
        var (lat, lng) = (60.1699, 24.9384); // Helsinki
        foreach (var follower in new[] { ben, carl }) await SetHomeAsync(follower, lat, lng);
        (await ben.PostAsync($"/api/users/{adaAuth.User.Id}/follow", null)).EnsureSuccessStatusCode();
        (await carl.PostAsync($"/api/users/{adaAuth.User.Id}/follow", null)).EnsureSuccessStatusCode();
        (await ada.PostAsync($"/api/users/{benAuth.User.Id}/follow", null)).EnsureSuccessStatusCode();
        Assert.Contains((await ben.GetFromJsonAsync<LeaderboardDto>("/api/me/leaderboard"))!.Entries, e => e.User.Id == adaAuth.User.Id);

        Assert.Equal(HttpStatusCode.NoContent, (await ada.PostAsync($"/api/users/{benAuth.User.Id}/block", null)).StatusCode);

        foreach (var (viewer, other) in new[] { (ben, adaAuth.User.Id), (ada, benAuth.User.Id) })
        {
            Assert.DoesNotContain((await viewer.GetFromJsonAsync<List<UserDto>>("/api/me/following"))!, u => u.Id == other);
            await Problem.ExpectAsync(await viewer.PostAsync($"/api/users/{other}/follow", null), HttpStatusCode.NotFound, "not_found");
            await Problem.ExpectAsync(await viewer.GetAsync($"/api/users/{other}"), HttpStatusCode.NotFound, "not_found");
            await Problem.ExpectAsync(await viewer.GetAsync($"/api/users/{other}/stats"), HttpStatusCode.NotFound, "not_found");
            Assert.DoesNotContain((await viewer.GetFromJsonAsync<LeaderboardDto>("/api/me/leaderboard"))!.Entries, e => e.User.Id == other);
        }
        Assert.Empty((await ben.GetFromJsonAsync<List<UserDto>>("/api/me/following"))!);
        Assert.Equal(1, (await carl.GetFromJsonAsync<ProfileDto>($"/api/users/{adaAuth.User.Id}"))!.FollowerCount);

        // Ada hosts near both followers' homes: Carl hears of it, Ben does not.
        await using var carlPhone = await HubListener.ConnectAsync(_server, carlAuth.Token);
        var hosted = await RunningServer.CreateSessionAsync(ada, lat, lng);
        await Eventually.HoldsAsync(async () => (await carl.GetFromJsonAsync<NotificationPage>("/api/me/notifications"))!.Items.Any(n => n.SessionId == hosted.Id),
            Patience, "Carl told of Ada's session");
        Assert.DoesNotContain((await ben.GetFromJsonAsync<NotificationPage>("/api/me/notifications"))!.Items, n => n.Kind == "followed_host_hosting");

        // Unblocked, Ben may follow and see her again (the old follows stay ended).
        (await ada.DeleteAsync($"/api/users/{benAuth.User.Id}/block")).EnsureSuccessStatusCode();
        Assert.Equal(HttpStatusCode.OK, (await ben.GetAsync($"/api/users/{adaAuth.User.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await ben.PostAsync($"/api/users/{adaAuth.User.Id}/follow", null)).StatusCode);
    }

    [Fact]
    public async Task In_a_shared_session_neither_sees_the_others_presence_while_everyone_else_does()
    {
        await using var shared = await SharedWithBlock.StartAsync(_server);
        var (host, ada, ben, session) = (shared.Host, shared.Ada, shared.Ben, shared.Session);
        var (hostAuth, adaAuth, benAuth) = (shared.HostAuth, shared.AdaAuth, shared.BenAuth);
        var (hostLive, adaLive, benLive) = (shared.HostLive, shared.AdaLive, shared.BenLive);

        async Task<string> PresenceSeenBy(HttpClient viewer, Guid userId) =>
            (await viewer.GetFromJsonAsync<List<ParticipantDto>>($"/api/sessions/{session.Id}/participants"))!.Single(p => p.User.Id == userId).Presence!;
        await Eventually.HoldsAsync(async () => await PresenceSeenBy(host, benAuth.User.Id) != "offline" && await PresenceSeenBy(host, adaAuth.User.Id) != "offline",
            Patience, "both present, as the host sees it");
        Assert.Equal("offline", await PresenceSeenBy(ada, benAuth.User.Id));
        Assert.Equal("offline", await PresenceSeenBy(ben, adaAuth.User.Id));
        Assert.NotEqual("offline", await PresenceSeenBy(ada, hostAuth.User.Id));

        await benLive.Connection.InvokeAsync("SetPresence", session.Id.ToString(), "away");
        await adaLive.Connection.InvokeAsync("SetPresence", session.Id.ToString(), "away");
        await Eventually.HoldsAsync(() => Task.FromResult(
                hostLive.Events(HubEvents.PresenceChanged).Count(e => e.GetProperty("state").GetString() == "away") == 2
                && benLive.Events(HubEvents.PresenceChanged).Any(e => e.GetProperty("userId").GetGuid() == benAuth.User.Id)
                && adaLive.Events(HubEvents.PresenceChanged).Any(e => e.GetProperty("userId").GetGuid() == adaAuth.User.Id)),
            Patience, "presenceChanged away, heard by the host and by each about themselves");
        // Pushes reach a connection in order: once Ada hears her own next change, whatever was sent before it has arrived.
        await adaLive.Connection.InvokeAsync("SetPresence", session.Id.ToString(), "active");
        await benLive.Connection.InvokeAsync("SetPresence", session.Id.ToString(), "active");
        await Eventually.HoldsAsync(() => Task.FromResult(
                adaLive.Events(HubEvents.PresenceChanged).Any(e => e.GetProperty("userId").GetGuid() == adaAuth.User.Id && e.GetProperty("state").GetString() != "away")
                && benLive.Events(HubEvents.PresenceChanged).Any(e => e.GetProperty("userId").GetGuid() == benAuth.User.Id && e.GetProperty("state").GetString() != "away")),
            Patience, "each hears themselves back");
        Assert.DoesNotContain(adaLive.Events(HubEvents.PresenceChanged), e => e.GetProperty("userId").GetGuid() == benAuth.User.Id);
        Assert.DoesNotContain(benLive.Events(HubEvents.PresenceChanged), e => e.GetProperty("userId").GetGuid() == adaAuth.User.Id);
    }

    [Fact]
    public async Task In_a_shared_session_neither_reads_the_others_goal_while_everyone_else_does()
    {
        await using var shared = await SharedWithBlock.StartAsync(_server);
        var (host, ada, ben, session) = (shared.Host, shared.Ada, shared.Ben, shared.Session);
        var (hostAuth, adaAuth, benAuth) = (shared.HostAuth, shared.AdaAuth, shared.BenAuth);
        var (hostLive, adaLive, benLive) = (shared.HostLive, shared.AdaLive, shared.BenLive);

        // Ben first, then Ada: once Ada hears her own goal, Ben's, sent before it to the same session, would have arrived.
        (await ben.PutAsJsonAsync($"/api/sessions/{session.Id}/goal", new { text = "Ben's words for Ada" })).EnsureSuccessStatusCode();
        (await ada.PutAsJsonAsync($"/api/sessions/{session.Id}/goal", new { text = "Ada's words for Ben" })).EnsureSuccessStatusCode();
        static bool Heard(HubListener live, Guid userId) =>
            live.Events(HubEvents.GoalChanged).Any(e => e.GetProperty("userId").GetGuid() == userId);
        await Eventually.HoldsAsync(() => Task.FromResult(Heard(hostLive, benAuth.User.Id) && Heard(hostLive, adaAuth.User.Id)
                && Heard(adaLive, adaAuth.User.Id) && Heard(benLive, benAuth.User.Id)),
            Patience, "goalChanged of both, heard by the host and by each about themselves");
        Assert.False(Heard(adaLive, benAuth.User.Id), "Ada heard Ben's goal");
        Assert.False(Heard(benLive, adaAuth.User.Id), "Ben heard Ada's goal");

        async Task<string?> GoalSeenBy(HttpClient viewer, Guid userId) =>
            (await viewer.GetFromJsonAsync<List<ParticipantDto>>($"/api/sessions/{session.Id}/participants"))!.Single(p => p.User.Id == userId).Goal?.Text;
        Assert.Equal("Ben's words for Ada", await GoalSeenBy(host, benAuth.User.Id));
        Assert.Equal("Ada's words for Ben", await GoalSeenBy(host, adaAuth.User.Id));
        Assert.Null(await GoalSeenBy(ada, benAuth.User.Id));
        Assert.Null(await GoalSeenBy(ben, adaAuth.User.Id));
        Assert.Equal("Ada's words for Ben", await GoalSeenBy(ada, adaAuth.User.Id));

        // The subscribe's answer lists the participants as GET …/participants does: Ben offline and without a goal to Ada.
        async Task<ParticipantDto> AnsweredTo(HubListener live, Guid userId) =>
            (await live.Connection.InvokeAsync<SubscribeResult>("SubscribeSession", session.Id.ToString())).Participants.Single(p => p.User.Id == userId);
        var benToAda = await AnsweredTo(adaLive, benAuth.User.Id);
        Assert.Equal(("offline", null), (benToAda.Presence, benToAda.Goal?.Text));
        var benToHost = await AnsweredTo(hostLive, benAuth.User.Id);
        Assert.Equal(("online", "Ben's words for Ada"), (benToHost.Presence, benToHost.Goal?.Text));
    }

    /// <summary>A host's session that Ada and Ben both joined, Ada blocking Ben, each of the three subscribed on the hub.</summary>
    private sealed record SharedWithBlock(
        HttpClient Host, AuthResult HostAuth, HttpClient Ada, AuthResult AdaAuth, HttpClient Ben, AuthResult BenAuth, SessionDto Session,
        HubListener HostLive, HubListener AdaLive, HubListener BenLive) : IAsyncDisposable
    {
        public static async Task<SharedWithBlock> StartAsync(RunningServer server)
        {
            var (host, hostAuth) = await server.SignUpAsync();
            var (ada, adaAuth) = await server.SignUpAsync();
            var (ben, benAuth) = await server.SignUpAsync();
            var session = await RunningServer.CreateSessionAsync(host, startInMinutes: 1);
            (await ada.PostAsync($"/api/sessions/{session.Id}/join", null)).EnsureSuccessStatusCode();
            (await ben.PostAsync($"/api/sessions/{session.Id}/join", null)).EnsureSuccessStatusCode();
            (await ada.PostAsync($"/api/users/{benAuth.User.Id}/block", null)).EnsureSuccessStatusCode();
            var live = new[] { await HubListener.ConnectAsync(server, hostAuth.Token), await HubListener.ConnectAsync(server, adaAuth.Token), await HubListener.ConnectAsync(server, benAuth.Token) };
            foreach (var listener in live) await listener.Connection.InvokeAsync<SubscribeResult>("SubscribeSession", session.Id.ToString());
            return new SharedWithBlock(host, hostAuth, ada, adaAuth, ben, benAuth, session, live[0], live[1], live[2]);
        }

        public async ValueTask DisposeAsync()
        {
            foreach (var listener in new[] { HostLive, AdaLive, BenLive }) await listener.DisposeAsync();
        }
    }

    private static async Task SetHomeAsync(HttpClient user, double lat, double lng) =>
        (await user.PutAsJsonAsync("/api/me/preferences", new
        {
            reminderMinutes = 15, mutedKinds = Array.Empty<string>(), timeZone = "Europe/Helsinki",
            homeArea = new { latitude = lat, longitude = lng, radiusKm = 10 },
        })).EnsureSuccessStatusCode();
}
