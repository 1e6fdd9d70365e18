using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DeepWorkMap.Contracts.Api;
using DeepWorkMap.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.SignalR.Client;

namespace DeepWorkMap.IntegrationTests.Sessions;

/// <summary>A private session exists only for its participants and for whoever holds its invite code. Cluster mode, on PostgreSQL.</summary>
public sealed class PrivateSessionTests(DurableServerFixture fixture) : IClassFixture<DurableServerFixture>
{
    private readonly RunningServer _server = fixture.Server;
    private static int _place;

    private static async Task<SessionDto> CreatePrivateAsync(HttpClient host, double lat, double lng)
    {
        var response = await host.PostAsJsonAsync("/api/sessions", new
        {
            title = "Study group", subject = "Law", sessionType = "discussion", latitude = lat, longitude = lng, visibility = "private",
            startTime = DateTimeOffset.UtcNow.AddMinutes(30).ToString("O"), durationMinutes = 90, maxParticipants = 5,
        });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<SessionDto>())!;
    }

    private static Task<HttpResponseMessage> JoinAsync(HttpClient client, Guid id, string? code) =>
        code is null ? client.PostAsync($"/api/sessions/{id}/join", null) : client.PostAsJsonAsync($"/api/sessions/{id}/join", new { inviteCode = code });

    [Fact]
    public async Task A_private_session_is_on_no_map_and_in_no_search()
    {
        var n = Interlocked.Increment(ref _place);
        var (lat, lng) = (-30 + n * 3.1, 100 + n * 5.3);
        var (host, hostAuth) = await _server.SignUpAsync();
        var (other, otherAuth) = await _server.SignUpAsync();
        await using var watcher = await HubListener.ConnectAsync(_server, otherAuth.Token);
        await watcher.Connection.InvokeAsync<ItemsDto<SessionDto>>("WatchArea", lat, lng, 10.0);

        var session = await CreatePrivateAsync(host, lat, lng);
        Assert.Equal("private", session.Visibility);
        Assert.True(session.InviteCode!.Length >= 22, "an invite code of at least 128 bits");
        Assert.Equal($"/?session={session.Id}&invite={Uri.EscapeDataString(session.InviteCode)}", session.InviteLink);

        foreach (var client in new[] { host, other, _server.CreateClient() })
        {
            var found = await client.GetFromJsonAsync<ItemsDto<SessionDto>>(FormattableString.Invariant($"/api/sessions/nearby?lat={session.Latitude}&lng={session.Longitude}&radiusKm=5"));
            Assert.DoesNotContain(found!.Items, s => s.Id == session.Id);
        }
        var watched = await watcher.Connection.InvokeAsync<ItemsDto<SessionDto>>("WatchArea", lat, lng, 10.0);
        Assert.DoesNotContain(watched.Items, s => s.Id == session.Id);
        await Task.Delay(500);
        Assert.DoesNotContain(watcher.SessionChanges, s => s.Id == session.Id);
        Assert.Equal("private", await fixture.Database.ScalarAsync<string>("SELECT visibility FROM study_sessions WHERE id = $1", session.Id));
    }

    [Fact]
    public async Task Without_the_invite_code_a_private_session_does_not_exist_and_with_it_anyone_may_join()
    {
        var (host, _) = await _server.SignUpAsync();
        var (guest, _) = await _server.SignUpAsync();
        using var anonymous = _server.CreateClient();
        var session = await CreatePrivateAsync(host, 12, 34);
        var code = session.InviteCode!;

        await Problem.ExpectAsync(await guest.GetAsync($"/api/sessions/{session.Id}"), HttpStatusCode.NotFound, "not_found");
        await Problem.ExpectAsync(await anonymous.GetAsync($"/api/sessions/{session.Id}"), HttpStatusCode.NotFound, "not_found");
        await Problem.ExpectAsync(await guest.GetAsync($"/api/sessions/{session.Id}?invite=wrong{code}"), HttpStatusCode.NotFound, "not_found");
        await Problem.ExpectAsync(await guest.GetAsync($"/api/sessions/{session.Id}/participants"), HttpStatusCode.NotFound, "not_found");
        await Problem.ExpectAsync(await guest.GetAsync($"/api/sessions/{session.Id}/messages"), HttpStatusCode.NotFound, "not_found");
        await Problem.ExpectAsync(await guest.PostAsJsonAsync($"/api/sessions/{session.Id}/messages", new { content = "hi" }), HttpStatusCode.NotFound, "not_found");
        await Problem.ExpectAsync(await guest.PostAsync($"/api/sessions/{session.Id}/leave", null), HttpStatusCode.NotFound, "not_found");
        await Problem.ExpectAsync(await guest.PostAsync($"/api/sessions/{session.Id}/end", null), HttpStatusCode.NotFound, "not_found");
        await Problem.ExpectAsync(await JoinAsync(guest, session.Id, null), HttpStatusCode.NotFound, "not_found");
        await Problem.ExpectAsync(await JoinAsync(guest, session.Id, code + "x"), HttpStatusCode.NotFound, "not_found");

        var invited = await anonymous.GetFromJsonAsync<JsonElement>($"/api/sessions/{session.Id}?invite={Uri.EscapeDataString(code)}");
        Assert.False(invited.TryGetProperty("inviteCode", out _));
        Assert.False(invited.TryGetProperty("venue", out _));

        var joined = await (await JoinAsync(guest, session.Id, code)).Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(joined.TryGetProperty("venue", out _));
        Assert.False(joined.TryGetProperty("inviteCode", out _));
        var asGuest = await guest.GetFromJsonAsync<JsonElement>($"/api/sessions/{session.Id}");
        Assert.False(asGuest.TryGetProperty("inviteCode", out _));
        Assert.Equal(2, (await guest.GetFromJsonAsync<List<ParticipantDto>>($"/api/sessions/{session.Id}/participants"))!.Count);
    }

    [Fact]
    public async Task The_host_rotates_the_code_and_the_old_one_stops_working()
    {
        var (host, _) = await _server.SignUpAsync();
        var (guest, _) = await _server.SignUpAsync();
        var (late, _) = await _server.SignUpAsync();
        var session = await CreatePrivateAsync(host, -12, -34);
        var old = session.InviteCode!;
        (await JoinAsync(guest, session.Id, old)).EnsureSuccessStatusCode();

        await Problem.ExpectAsync(await guest.PostAsync($"/api/sessions/{session.Id}/invite/rotate", null), HttpStatusCode.Forbidden, "not_host");
        await Problem.ExpectAsync(await late.PostAsync($"/api/sessions/{session.Id}/invite/rotate", null), HttpStatusCode.NotFound, "not_found");
        var rotated = (await (await host.PostAsync($"/api/sessions/{session.Id}/invite/rotate", null)).Content.ReadFromJsonAsync<InviteDto>())!;
        Assert.NotEqual(old, rotated.InviteCode);
        Assert.Equal(rotated.InviteCode, (await host.GetFromJsonAsync<SessionDto>($"/api/sessions/{session.Id}"))!.InviteCode);

        await Problem.ExpectAsync(await JoinAsync(late, session.Id, old), HttpStatusCode.NotFound, "not_found");
        (await JoinAsync(late, session.Id, rotated.InviteCode)).EnsureSuccessStatusCode();
        // Who is already in stays in.
        Assert.Equal(HttpStatusCode.OK, (await guest.GetAsync($"/api/sessions/{session.Id}")).StatusCode);

        var open = await RunningServer.CreateSessionAsync(host);
        await Problem.ExpectAsync(await host.PostAsync($"/api/sessions/{open.Id}/invite/rotate", null), HttpStatusCode.Conflict, "not_private");
    }

    [Fact]
    public async Task Visibility_must_be_public_or_private()
    {
        var (host, _) = await _server.SignUpAsync();
        var response = await host.PostAsJsonAsync("/api/sessions", new
        {
            title = "T", subject = "S", sessionType = "silent", latitude = 1.0, longitude = 1.0, visibility = "secret",
            startTime = DateTimeOffset.UtcNow.AddMinutes(30).ToString("O"), durationMinutes = 60,
        });
        var problem = await Problem.ExpectAsync(response, HttpStatusCode.BadRequest, "validation_failed");
        Assert.Equal(["visibility"], problem.Errors.Keys);
    }
}
