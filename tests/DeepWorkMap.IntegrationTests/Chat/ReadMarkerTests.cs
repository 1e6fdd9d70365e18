using System.Net;
using System.Net.Http.Json;
using DeepWorkMap.Contracts.Api;
using DeepWorkMap.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.SignalR.Client;

namespace DeepWorkMap.IntegrationTests.Chat;

/// <summary>docs/api.md's read markers and unread counts, against PostgreSQL.</summary>
public sealed class ReadMarkerTests(ChatServerFixture fixture) : IClassFixture<ChatServerFixture>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);
    private readonly RunningServer _server = fixture.Server;

    private static string Marker(ChatSession chat) => $"/api/sessions/{chat.Session.Id}/read-marker";

    private static async Task<long?> UnreadAsync(HttpClient client, Guid sessionId) =>
        (await client.GetFromJsonAsync<List<UnreadDto>>("/api/me/unread"))!.SingleOrDefault(u => u.SessionId == sessionId)?.Unread;

    /// <summary>The session lists its members a moment after a join (the catalog is written in batches).</summary>
    private static Task ListedAsync(HttpClient client, Guid sessionId) =>
        Eventually.HoldsAsync(async () => await UnreadAsync(client, sessionId) is not null, Patience, "the session among the caller's");

    [Fact]
    public async Task Unread_counts_others_messages_after_the_marker_and_the_marker_only_moves_forward()
    {
        var chat = await ChatSession.StartAsync(_server);
        await ListedAsync(chat.Guest, chat.Session.Id);
        Assert.Equal(0L, await UnreadAsync(chat.Guest, chat.Session.Id));

        for (var i = 1; i <= 4; i++) await chat.SendAsync(chat.Host, $"host {i}");
        var own = await chat.SendAsync(chat.Guest, "the guest's own");
        var deleted = await chat.SendAsync(chat.Host, "deleted at once");
        (await chat.Host.DeleteAsync(chat.Message(deleted.Seq))).EnsureSuccessStatusCode();
        // Four of the host's: not the guest's own, not the deleted one. The host sees the guest's one.
        Assert.Equal(4L, await UnreadAsync(chat.Guest, chat.Session.Id));
        Assert.Equal(1L, await UnreadAsync(chat.Host, chat.Session.Id));

        Assert.Equal(HttpStatusCode.NoContent, (await chat.Guest.PutAsJsonAsync(Marker(chat), new { seq = 2 })).StatusCode);
        Assert.Equal(2L, await UnreadAsync(chat.Guest, chat.Session.Id));
        (await chat.Guest.PutAsJsonAsync(Marker(chat), new { seq = 1 })).EnsureSuccessStatusCode();
        Assert.Equal(2L, await UnreadAsync(chat.Guest, chat.Session.Id));

        // A marker past the end stops at the last message: what comes later is unread.
        (await chat.Guest.PutAsJsonAsync(Marker(chat), new { seq = 1_000_000 })).EnsureSuccessStatusCode();
        Assert.Equal(0L, await UnreadAsync(chat.Guest, chat.Session.Id));
        await chat.SendAsync(chat.Host, "after the marker");
        Assert.Equal(1L, await UnreadAsync(chat.Guest, chat.Session.Id));

        // On the hub too.
        await using var hub = await HubListener.ConnectAsync(_server, chat.GuestAuth.Token);
        await hub.Connection.InvokeAsync("SetReadMarker", chat.Session.Id.ToString(), own.Seq + 2);
        Assert.Equal(0L, await UnreadAsync(chat.Guest, chat.Session.Id));
        await MessageEditTests.HubRefusedAsync("validation_failed", hub.Connection.InvokeAsync("SetReadMarker", chat.Session.Id.ToString(), "3"));
        await MessageEditTests.HubRefusedAsync("validation_failed", hub.Connection.InvokeAsync("SetReadMarker", chat.Session.Id.ToString(), -1));
    }

    [Fact]
    public async Task Nobody_learns_another_persons_marker_and_only_participants_set_one()
    {
        var chat = await ChatSession.StartAsync(_server);
        var (outsider, outsiderAuth) = await _server.SignUpAsync();
        var (third, _) = await _server.SignUpAsync();
        (await third.PostAsync($"/api/sessions/{chat.Session.Id}/join", null)).EnsureSuccessStatusCode();
        await ListedAsync(third, chat.Session.Id);
        for (var i = 1; i <= 3; i++) await chat.SendAsync(chat.Host, $"host {i}");

        // However the guest moves their marker, the third participant's counts, and every answer they get, stay the same.
        var before = await third.GetStringAsync("/api/me/unread");
        var historyBefore = await third.GetStringAsync($"/api/sessions/{chat.Session.Id}/messages");
        foreach (var seq in new[] { 1, 3, 2, 0 })
        {
            (await chat.Guest.PutAsJsonAsync(Marker(chat), new { seq })).EnsureSuccessStatusCode();
            Assert.Equal(before, await third.GetStringAsync("/api/me/unread"));
            Assert.Equal(historyBefore, await third.GetStringAsync($"/api/sessions/{chat.Session.Id}/messages"));
            Assert.Equal(before, await third.GetStringAsync("/api/me/unread"));
        }
        Assert.Equal(3L, await UnreadAsync(third, chat.Session.Id));

        await Problem.ExpectAsync(await outsider.PutAsJsonAsync(Marker(chat), new { seq = 1 }), HttpStatusCode.Forbidden, "not_participant");
        await Problem.ExpectAsync(await outsider.PutAsJsonAsync($"/api/sessions/{Guid.NewGuid()}/read-marker", new { seq = 1 }), HttpStatusCode.NotFound, "not_found");
        await Problem.ExpectAsync(await chat.Guest.PutAsJsonAsync(Marker(chat), new { seq = -1 }), HttpStatusCode.BadRequest, "validation_failed");
        await Problem.ExpectAsync(await chat.Guest.PutAsJsonAsync(Marker(chat), new { }), HttpStatusCode.BadRequest, "validation_failed");
        await Problem.ExpectAsync(await chat.Guest.PutAsJsonAsync(Marker(chat), new { seq = "two" }), HttpStatusCode.BadRequest, "validation_failed");
        await Problem.ExpectAsync(await _server.CreateClient().GetAsync("/api/me/unread"), HttpStatusCode.Unauthorized, "unauthorized");
        Assert.Equal(0L, await fixture.Database.ScalarAsync<long>("SELECT count(*) FROM chat_read_markers WHERE user_id = $1", outsiderAuth.User.Id));
        // An outsider is told nothing of the session.
        Assert.DoesNotContain(chat.Session.Id.ToString(), await outsider.GetStringAsync("/api/me/unread"));
    }

    /// <summary>The page lists a person's sessions from these entries ("My sessions"), wherever the sessions are on the map.</summary>
    [Fact]
    public async Task Each_entry_names_its_session_and_a_private_session_left_drops_out_title_and_all()
    {
        var (host, _) = await _server.SignUpAsync();
        var (guest, _) = await _server.SignUpAsync();
        var (outsider, _) = await _server.SignUpAsync();
        var title = $"Private room {Guid.NewGuid():N}";
        var start = DateTimeOffset.UtcNow.AddHours(2);
        var created = await host.PostAsJsonAsync("/api/sessions", new
        {
            title, subject = "Law", sessionType = "silent", latitude = 48.85, longitude = 2.35, visibility = "private",
            startTime = start.ToString("O"), durationMinutes = 60,
        });
        var session = (await created.Content.ReadFromJsonAsync<SessionDto>())!;
        (await guest.PostAsJsonAsync($"/api/sessions/{session.Id}/join", new { inviteCode = session.InviteCode })).EnsureSuccessStatusCode();
        await ListedAsync(guest, session.Id);

        var entry = (await guest.GetFromJsonAsync<List<UnreadDto>>("/api/me/unread"))!.Single(u => u.SessionId == session.Id);
        Assert.Equal(title, entry.Title);
        Assert.Equal(session.StartTime.ToUnixTimeMilliseconds(), entry.StartTime.ToUnixTimeMilliseconds());
        Assert.Equal(title, (await host.GetFromJsonAsync<List<UnreadDto>>("/api/me/unread"))!.Single(u => u.SessionId == session.Id).Title);

        // A new title is what the list shows.
        (await host.PatchAsJsonAsync($"/api/sessions/{session.Id}", new { title = title + " (moved)" })).EnsureSuccessStatusCode();
        await Eventually.HoldsAsync(async () => (await guest.GetStringAsync("/api/me/unread")).Contains(title + " (moved)"), Patience, "the new title");

        // Once left, the session is not the guest's: neither it nor its title is in their answer; an outsider never saw it.
        (await guest.PostAsync($"/api/sessions/{session.Id}/leave", null)).EnsureSuccessStatusCode();
        await Eventually.HoldsAsync(async () => await UnreadAsync(guest, session.Id) is null, Patience, "the session gone from the guest's");
        Assert.DoesNotContain(title, await guest.GetStringAsync("/api/me/unread"));
        Assert.DoesNotContain(title, await outsider.GetStringAsync("/api/me/unread"));
    }

    [Fact]
    public async Task Messages_of_someone_the_reader_blocks_are_not_counted_as_history_leaves_them_out()
    {
        var chat = await ChatSession.StartAsync(_server);
        var (pest, pestAuth) = await _server.SignUpAsync();
        (await pest.PostAsync($"/api/sessions/{chat.Session.Id}/join", null)).EnsureSuccessStatusCode();
        await ListedAsync(chat.Guest, chat.Session.Id);
        await chat.SendAsync(chat.Host, "hello");
        await chat.SendAsync(pest, "spam");
        await chat.SendAsync(pest, "more spam");
        Assert.Equal(3L, await UnreadAsync(chat.Guest, chat.Session.Id));

        (await chat.Guest.PostAsync($"/api/users/{pestAuth.User.Id}/block", null)).EnsureSuccessStatusCode();
        Assert.Equal(1L, await UnreadAsync(chat.Guest, chat.Session.Id));
    }
}
