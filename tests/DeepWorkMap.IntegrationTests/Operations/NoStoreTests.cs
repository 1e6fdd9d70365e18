using System.Net;
using System.Net.Http.Json;
using System.Text;
using DeepWorkMap.Contracts.Api;
using DeepWorkMap.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Routing;

namespace DeepWorkMap.IntegrationTests.Operations;

/// <summary>
/// Answers that carry a venue, an invite code, messages or participants (and tokens, and the caller's own account) say
/// <c>Cache-Control: no-store</c>, so no browser or proxy cache keeps them: every route under those paths, whatever it answers.
/// </summary>
public sealed class NoStoreTests(DefaultServerFixture fixture) : IClassFixture<DefaultServerFixture>
{
    private static readonly string[] PrivatePaths = ["/api/auth", "/api/me", "/api/sessions", "/api/series", "/api/calendar", "/api/moderation"];

    private readonly RunningServer _server = fixture.Server;

    private static void AssertNoStore(HttpResponseMessage response, string what) =>
        Assert.True(response.Headers.CacheControl?.NoStore == true, $"{what} answered {(int)response.StatusCode} without Cache-Control: no-store");

    [Fact]
    public async Task A_private_sessions_venue_invite_code_chat_participants_and_calendar_file_are_never_stored()
    {
        var (host, _) = await _server.SignUpAsync();
        var (guest, _) = await _server.SignUpAsync();
        var created = await host.PostAsJsonAsync("/api/sessions", new
        {
            title = "Private room", subject = "Law", sessionType = "silent", latitude = 48.85, longitude = 2.35, visibility = "private",
            venueNote = "Room 12", startTime = DateTimeOffset.UtcNow.AddHours(1).ToString("O"), durationMinutes = 60,
        });
        AssertNoStore(created, "POST /api/sessions");
        var session = (await created.Content.ReadFromJsonAsync<SessionDto>())!;
        Assert.NotNull(session.InviteCode);
        var joined = await guest.PostAsJsonAsync($"/api/sessions/{session.Id}/join", new { inviteCode = session.InviteCode });
        AssertNoStore(joined, "join");
        Assert.Equal("Room 12", (await joined.Content.ReadFromJsonAsync<SessionDto>())!.Venue?.Note);
        (await guest.PostAsJsonAsync($"/api/sessions/{session.Id}/messages", new { content = "hello" })).EnsureSuccessStatusCode();

        foreach (var (client, path) in new[]
        {
            (host, $"/api/sessions/{session.Id}"), (guest, $"/api/sessions/{session.Id}/participants"), (guest, $"/api/sessions/{session.Id}/messages"),
            (guest, $"/api/sessions/{session.Id}/calendar.ics"), (host, "/api/me"),
        })
        {
            var answer = await client.GetAsync(path);
            Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
            AssertNoStore(answer, path);
        }
        var series = await host.PostAsJsonAsync("/api/series", new
        {
            session = new { title = "Weekly", subject = "Law", sessionType = "silent", latitude = 48.85, longitude = 2.35, venueNote = "Room 12",
                startTime = DateTimeOffset.UtcNow.AddHours(2).ToString("O"), durationMinutes = 60 },
            daysOfWeek = new[] { DateTimeOffset.UtcNow.AddHours(2).DayOfWeek.ToString().ToLowerInvariant() }, weeks = 2, timeZone = "UTC",
        });
        Assert.Equal(HttpStatusCode.Created, series.StatusCode);
        AssertNoStore(series, "POST /api/series");
        AssertNoStore(await guest.GetAsync(series.Headers.Location), "GET /api/series/{id}");
    }

    [Fact]
    public async Task Every_route_under_the_private_paths_answers_no_store_whatever_it_answers()
    {
        var (host, hostAuth) = await _server.SignUpAsync();
        var session = await RunningServer.CreateSessionAsync(host);
        var feed = new Uri((await host.GetFromJsonAsync<MeDto>("/api/me"))!.CalendarFeedUrl!).Segments[^1];
        var routes = _server.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Select(e => (Pattern: e.RoutePattern.RawText!, Methods: e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"]))
            .Where(r => PrivatePaths.Any(p => ("/" + r.Pattern.TrimStart('/')).StartsWith(p, StringComparison.Ordinal)))
            .SelectMany(r => r.Methods.Select(method => (r.Pattern, Method: method)))
            .ToList();
        Assert.True(routes.Count > 40, $"only {routes.Count} routes found");

        foreach (var (pattern, method) in routes)
        {
            var path = "/" + pattern.TrimStart('/')
                .Replace("{id:guid}", session.Id.ToString()).Replace("{userId:guid}", hostAuth.User.Id.ToString())
                .Replace("{file}", feed).Replace("{command:regex(^(pause|resume|skip)$)}", "pause").Replace("{seq:long}", "1");
            Assert.DoesNotContain("{", path);
            // Closing the account would leave nothing to try the rest with.
            var body = method == "DELETE" && path == "/api/me" ? "{\"password\":\"wrong password\"}" : "{}";
            using var request = new HttpRequestMessage(new HttpMethod(method), path);
            if (method is "POST" or "PUT" or "PATCH" or "DELETE") request.Content = new StringContent(body, Encoding.UTF8, "application/json");
            AssertNoStore(await host.SendAsync(request), $"{method} {path}");
        }
    }
}
