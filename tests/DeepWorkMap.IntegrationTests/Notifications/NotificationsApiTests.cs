using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DeepWorkMap.Contracts.Api;
using DeepWorkMap.IntegrationTests.Infrastructure;
using DeepWorkMap.Server.Notifications;
using Microsoft.Extensions.DependencyInjection;

namespace DeepWorkMap.IntegrationTests.Notifications;

/// <summary>The inbox on PostgreSQL: what a participant learns, live and afterwards, once each.</summary>
public sealed class NotificationsApiTests(DurableServerFixture fixture) : IClassFixture<DurableServerFixture>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);
    private readonly RunningServer _server = fixture.Server;

    [Fact]
    public async Task A_cancellation_reaches_a_connected_participant_live_and_stays_in_the_inbox_once_however_often_it_is_sent()
    {
        var (host, _) = await _server.SignUpAsync();
        var (guest, guestAuth) = await _server.SignUpAsync();
        var session = await RunningServer.CreateSessionAsync(host);
        (await guest.PostAsync($"/api/sessions/{session.Id}/join", null)).EnsureSuccessStatusCode();
        // Connected, but with nothing open: the notice finds the user, not the session.
        await using var phone = await HubListener.ConnectAsync(_server, guestAuth.Token);

        (await host.PostAsJsonAsync($"/api/sessions/{session.Id}/cancel", new { reason = "Flu" })).EnsureSuccessStatusCode();
        await Eventually.HoldsAsync(() => Task.FromResult(phone.Events(HubEvents.Notification).Count == 1), Patience, "a live notification");
        var live = phone.Events(HubEvents.Notification)[0].Deserialize<NotificationDto>(HubListener.Json)!;
        Assert.Equal(("session_cancelled", session.Id), (live.Kind, live.SessionId));
        Assert.Contains("Flu", live.Body);

        // The host asks again (an answer lost, say): the inbox still holds it once.
        (await host.PostAsJsonAsync($"/api/sessions/{session.Id}/cancel", new { reason = "Flu" })).EnsureSuccessStatusCode();
        await Task.Delay(500);
        var inbox = (await guest.GetFromJsonAsync<NotificationPage>("/api/me/notifications"))!;
        Assert.Equal(1, inbox.UnreadCount);
        Assert.Equal(live with { ReadAt = null }, Assert.Single(inbox.Items));
        Assert.Single(phone.Events(HubEvents.Notification));
        Assert.Equal(0, (await host.GetFromJsonAsync<NotificationPage>("/api/me/notifications"))!.UnreadCount);

        Assert.Equal(HttpStatusCode.NoContent, (await guest.PostAsJsonAsync("/api/me/notifications/read", new { upTo = live.Id })).StatusCode);
        var read = (await guest.GetFromJsonAsync<NotificationPage>("/api/me/notifications"))!;
        Assert.Equal(0, read.UnreadCount);
        Assert.NotNull(read.Items[0].ReadAt);
    }

    [Fact]
    public async Task A_seat_a_move_and_a_removal_each_land_in_the_inbox_and_a_muted_kind_does_not()
    {
        var (host, hostAuth) = await _server.SignUpAsync();
        var (first, firstAuth) = await _server.SignUpAsync();
        var (waiting, _) = await _server.SignUpAsync();
        var session = await RunningServer.CreateSessionAsync(host, maxParticipants: 2);
        (await first.PostAsync($"/api/sessions/{session.Id}/join", null)).EnsureSuccessStatusCode();
        (await waiting.PostAsync($"/api/sessions/{session.Id}/waitlist", null)).EnsureSuccessStatusCode();

        (await host.PatchAsJsonAsync($"/api/sessions/{session.Id}", new { maxParticipants = 3 })).EnsureSuccessStatusCode();
        await Eventually.HoldsAsync(async () => (await KindsAsync(waiting)).SequenceEqual(["waitlist_promoted"]), Patience, "waitlist_promoted");
        // A new title is not a move: nobody is told. A new time is.
        (await host.PatchAsJsonAsync($"/api/sessions/{session.Id}", new { title = "Renamed" })).EnsureSuccessStatusCode();
        (await host.PatchAsJsonAsync($"/api/sessions/{session.Id}", new { startTime = session.StartTime.AddMinutes(30) })).EnsureSuccessStatusCode();
        await Eventually.HoldsAsync(async () => (await KindsAsync(first)).SequenceEqual(["session_changed"]), Patience, "session_changed");
        await Eventually.HoldsAsync(async () => (await KindsAsync(waiting)).SequenceEqual(["session_changed", "waitlist_promoted"]), Patience, "both, newest first");
        // It says what changed (the start), with the new start beside it, and not the length, which stayed.
        var moved = (await first.GetFromJsonAsync<NotificationPage>("/api/me/notifications"))!.Items[0];
        Assert.Equal(("Renamed changed", "It starts at a new time.", session.StartTime.AddMinutes(30)), (moved.Title, moved.Body, moved.StartTime));

        // Muted kinds are not stored.
        var preferences = await first.PutAsJsonAsync("/api/me/preferences", new { reminderMinutes = 60, mutedKinds = new[] { "session_changed" }, timeZone = "Europe/Berlin" });
        Assert.Equal(HttpStatusCode.OK, preferences.StatusCode);
        (await host.PatchAsJsonAsync($"/api/sessions/{session.Id}", new { durationMinutes = 45 })).EnsureSuccessStatusCode();
        (await host.PostAsync($"/api/sessions/{session.Id}/participants/{firstAuth.User.Id}/remove", null)).EnsureSuccessStatusCode();
        await Eventually.HoldsAsync(async () => (await KindsAsync(first)).SequenceEqual(["removed_from_session", "session_changed"]), Patience, "removed_from_session, no second session_changed");
        Assert.Empty(await KindsAsync(host));
        Assert.Equal(hostAuth.User.Id, session.Host!.Id);
    }

    [Fact]
    public async Task Preferences_read_back_as_saved_and_bad_ones_are_refused_field_by_field()
    {
        var (user, _) = await _server.SignUpAsync();
        var defaults = (await user.GetFromJsonAsync<PreferencesDto>("/api/me/preferences"))!;
        Assert.Equal((15, "UTC", 0), (defaults.ReminderMinutes, defaults.TimeZone, defaults.MutedKinds!.Count));
        Assert.Equal(["session_cancelled", "session_reminder"], defaults.EmailKinds);
        var saved = new PreferencesDto(null, ["followed_host_hosting"], "America/Sao_Paulo", new HomeAreaDto(-23.55, -46.63, 8), StatsHidden: true,
            EmailKinds: ["waitlist_promoted"]);
        Assert.Equal(HttpStatusCode.OK, (await user.PutAsJsonAsync("/api/me/preferences", saved)).StatusCode);
        Assert.Equal(JsonSerializer.Serialize(saved), JsonSerializer.Serialize(await user.GetFromJsonAsync<PreferencesDto>("/api/me/preferences")));

        var bad = await Problem.ExpectAsync(await user.PutAsJsonAsync("/api/me/preferences",
            new { reminderMinutes = 10, mutedKinds = new[] { "spam" }, timeZone = "Moon/Base", homeArea = new { latitude = 95, longitude = 0, radiusKm = 5 },
                emailKinds = new[] { "newsletter" } }),
            HttpStatusCode.BadRequest, "validation_failed");
        Assert.Equal(["emailKinds", "homeArea", "mutedKinds", "reminderMinutes", "timeZone"], bad.Errors.Keys.Order());
        await Problem.ExpectAsync(await _server.CreateClient().GetAsync("/api/me/notifications"), HttpStatusCode.Unauthorized, "unauthorized");
        await Problem.ExpectAsync(await user.GetAsync("/api/me/notifications?limit=0"), HttpStatusCode.BadRequest, "validation_failed");
    }

    [Fact]
    public async Task Read_notifications_older_than_ninety_days_are_removed_and_unread_ones_stay()
    {
        var (user, auth) = await _server.SignUpAsync();
        foreach (var (age, read) in new[] { (100, true), (100, false), (10, true) })
        {
            await fixture.Database.ScalarAsync<object>("""
                INSERT INTO notifications (id, user_id, kind, subject_id, occurrence, title, body, created_at, read_at)
                VALUES (gen_random_uuid(), $1, 'session_reminder', gen_random_uuid(), 'x', 'Old', 'Old', now() - make_interval(days => $2), CASE WHEN $3 THEN now() - make_interval(days => $2) END)
                RETURNING 1
                """, auth.User.Id, age, read);
        }
        var removed = await _server.Services.GetRequiredService<NotificationRetention>().RunOnceAsync();
        Assert.True(removed >= 1);
        var left = (await user.GetFromJsonAsync<NotificationPage>("/api/me/notifications"))!;
        Assert.Equal(2, left.Items.Count);
        Assert.Equal(1, left.UnreadCount);
    }

    private static async Task<IReadOnlyList<string>> KindsAsync(HttpClient client) =>
        (await client.GetFromJsonAsync<NotificationPage>("/api/me/notifications"))!.Items.Select(n => n.Kind).ToList();
}
