using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DeepWorkMap.Contracts.Api;
using DeepWorkMap.IntegrationTests.Infrastructure;

namespace DeepWorkMap.IntegrationTests.Notifications;

/// <summary>Follows, the news they bring, and saved sessions, on PostgreSQL.</summary>
public sealed class FollowsTests(DurableServerFixture fixture) : IClassFixture<DurableServerFixture>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);
    private readonly RunningServer _server = fixture.Server;

    [Fact]
    public async Task Followers_whose_home_area_holds_a_new_public_session_hear_of_it_and_no_one_else_does()
    {
        var (host, hostAuth) = await _server.SignUpAsync();
        var (near, nearAuth) = await _server.SignUpAsync();
        var (far, _) = await _server.SignUpAsync();
        var (muted, _) = await _server.SignUpAsync();
        var (notFollowing, _) = await _server.SignUpAsync();
        var (lat, lng) = (59.3293, 18.0686); // Stockholm
        await SetHomeAsync(near, lat + 0.03, lng, 10);
        await SetHomeAsync(far, 57.7089, 11.9746, 10); // Gothenburg
        await SetHomeAsync(muted, lat, lng, 10, "followed_host_hosting");
        await SetHomeAsync(notFollowing, lat, lng, 10);
        foreach (var follower in new[] { near, far, muted })
            Assert.Equal(HttpStatusCode.NoContent, (await follower.PostAsync($"/api/users/{hostAuth.User.Id}/follow", null)).StatusCode);
        await using var nearPhone = await HubListener.ConnectAsync(_server, nearAuth.Token);

        var profile = (await near.GetFromJsonAsync<ProfileDto>($"/api/users/{hostAuth.User.Id}"))!;
        Assert.Equal((3, true), (profile.FollowerCount, profile.Following));
        Assert.Equal([hostAuth.User], (await near.GetFromJsonAsync<List<UserDto>>("/api/me/following"))!);

        var session = await RunningServer.CreateSessionAsync(host, lat, lng);
        await Eventually.HoldsAsync(() => Task.FromResult(nearPhone.Events(HubEvents.Notification).Any(e => e.GetProperty("kind").GetString() == "followed_host_hosting")),
            Patience, "followed_host_hosting, live");
        var told = (await near.GetFromJsonAsync<NotificationPage>("/api/me/notifications"))!.Items.Single();
        Assert.Equal(("followed_host_hosting", session.Id), (told.Kind, told.SessionId));
        foreach (var other in new[] { far, muted, notFollowing })
            Assert.Empty((await other.GetFromJsonAsync<NotificationPage>("/api/me/notifications"))!.Items);

        // A private session is news to nobody; unfollowing stops the news.
        var privately = await host.PostAsJsonAsync("/api/sessions", new
        {
            title = "Private", subject = "S", sessionType = "silent", latitude = lat, longitude = lng,
            startTime = DateTimeOffset.UtcNow.AddMinutes(30), durationMinutes = 60, visibility = "private",
        });
        privately.EnsureSuccessStatusCode();
        Assert.Equal(HttpStatusCode.NoContent, (await near.DeleteAsync($"/api/users/{hostAuth.User.Id}/follow")).StatusCode);
        await RunningServer.CreateSessionAsync(host, lat, lng, startInMinutes: 40);
        await Task.Delay(1500);
        Assert.Single((await near.GetFromJsonAsync<NotificationPage>("/api/me/notifications"))!.Items);
        Assert.Equal(2, (await near.GetFromJsonAsync<ProfileDto>($"/api/users/{hostAuth.User.Id}"))!.FollowerCount);

        await Problem.ExpectAsync(await host.PostAsync($"/api/users/{hostAuth.User.Id}/follow", null), HttpStatusCode.BadRequest, "validation_failed");
        await Problem.ExpectAsync(await host.PostAsync($"/api/users/{Guid.NewGuid()}/follow", null), HttpStatusCode.NotFound, "not_found");
    }

    [Fact]
    public async Task Saved_sessions_come_back_as_the_user_may_see_them()
    {
        var (host, _) = await _server.SignUpAsync();
        var (user, _) = await _server.SignUpAsync();
        var first = await RunningServer.CreateSessionAsync(host);
        var second = await RunningServer.CreateSessionAsync(host, startInMinutes: 20);
        foreach (var session in new[] { second, first, second })
            Assert.Equal(HttpStatusCode.NoContent, (await user.PostAsync($"/api/sessions/{session.Id}/save", null)).StatusCode);
        var saved = (await user.GetFromJsonAsync<List<SessionDto>>("/api/me/saved"))!;
        Assert.Equal([second.Id, first.Id], saved.Select(s => s.Id));
        Assert.All(saved, s => Assert.Equal(("none", null), (s.MyRole, s.Venue)));

        Assert.Equal(HttpStatusCode.NoContent, (await user.DeleteAsync($"/api/sessions/{second.Id}/save")).StatusCode);
        Assert.Equal([first.Id], (await user.GetFromJsonAsync<List<SessionDto>>("/api/me/saved"))!.Select(s => s.Id));
        await Problem.ExpectAsync(await user.PostAsync($"/api/sessions/{Guid.NewGuid()}/save", null), HttpStatusCode.NotFound, "not_found");
    }

    private static async Task SetHomeAsync(HttpClient user, double lat, double lng, double radiusKm, params string[] muted) =>
        (await user.PutAsJsonAsync("/api/me/preferences", new
        {
            reminderMinutes = 15, mutedKinds = muted, timeZone = "Europe/Stockholm",
            homeArea = new { latitude = lat, longitude = lng, radiusKm },
        })).EnsureSuccessStatusCode();
}
