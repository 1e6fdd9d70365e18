using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DeepWorkMap.Contracts.Api;
using DeepWorkMap.IntegrationTests.Infrastructure;
using DeepWorkMap.Testing;
using Microsoft.AspNetCore.SignalR.Client;

namespace DeepWorkMap.IntegrationTests.Sessions;

/// <summary>
/// Tried as an outsider would, with only the public API: nobody without a seat learns a venue closer than
/// 100 m, and nobody anonymous learns a name. Cluster mode, on PostgreSQL.
/// </summary>
public sealed class LocationPrivacyTests(DurableServerFixture fixture) : IClassFixture<DurableServerFixture>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);
    private readonly RunningServer _server = fixture.Server;
    private static int _place;

    /// <summary>A venue of its own for each test, far from the others'.</summary>
    private static (double Lat, double Lng) FreshVenue()
    {
        var n = Interlocked.Increment(ref _place);
        return (35 + n * 1.7, -120 + n * 9.3);
    }

    private static async Task<JsonElement> CreateAsync(HttpClient host, double lat, double lng, string? note = "2nd floor, window tables")
    {
        var response = await host.PostAsJsonAsync("/api/sessions", new
        {
            title = "Thermodynamics", subject = "Physics", sessionType = "silent", latitude = lat, longitude = lng, venueNote = note,
            startTime = DateTimeOffset.UtcNow.AddMinutes(30).ToString("O"), durationMinutes = 90, maxParticipants = 5,
        });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static double MetresBetween(JsonElement session, double lat, double lng) =>
        Oracle.DistanceKm(session.GetProperty("latitude").GetDouble(), session.GetProperty("longitude").GetDouble(), lat, lng) * 1000;

    [Fact]
    public async Task Only_participants_see_the_venue_and_everyone_else_a_position_200_to_550_m_away()
    {
        var (lat, lng) = FreshVenue();
        var (host, hostAuth) = await _server.SignUpAsync();
        var (guest, _) = await _server.SignUpAsync();
        using var anonymous = _server.CreateClient();

        var created = await CreateAsync(host, lat, lng);
        var id = created.GetProperty("id").GetGuid();
        var venue = created.GetProperty("venue");
        Assert.Equal((lat, lng, "2nd floor, window tables"),
            (venue.GetProperty("latitude").GetDouble(), venue.GetProperty("longitude").GetDouble(), venue.GetProperty("note").GetString()));
        Assert.InRange(MetresBetween(created, lat, lng), 200, 550);

        var outsiderView = await guest.GetFromJsonAsync<JsonElement>($"/api/sessions/{id}");
        var anonymousView = await anonymous.GetFromJsonAsync<JsonElement>($"/api/sessions/{id}");
        foreach (var view in new[] { outsiderView, anonymousView })
        {
            Assert.False(view.TryGetProperty("venue", out _));
            Assert.Equal(created.GetProperty("latitude").GetDouble(), view.GetProperty("latitude").GetDouble());
            Assert.Equal(created.GetProperty("longitude").GetDouble(), view.GetProperty("longitude").GetDouble());
        }
        Assert.Equal(hostAuth.User.DisplayName, outsiderView.GetProperty("host").GetProperty("displayName").GetString());
        Assert.Equal(JsonValueKind.Null, anonymousView.GetProperty("host").ValueKind);

        var joined = await (await guest.PostAsync($"/api/sessions/{id}/join", null)).Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(joined.TryGetProperty("venue", out _));
        Assert.True((await guest.GetFromJsonAsync<JsonElement>($"/api/sessions/{id}")).TryGetProperty("venue", out _));

        var left = await (await guest.PostAsync($"/api/sessions/{id}/leave", null)).Content.ReadFromJsonAsync<JsonElement>();
        Assert.False(left.TryGetProperty("venue", out _));
        Assert.False((await guest.GetFromJsonAsync<JsonElement>($"/api/sessions/{id}")).TryGetProperty("venue", out _));
    }

    [Fact]
    public async Task Nearby_answers_are_decided_by_the_public_position_alone_so_probing_reveals_no_more()
    {
        var (lat, lng) = FreshVenue();
        var (host, _) = await _server.SignUpAsync();
        var created = await CreateAsync(host, lat, lng);
        var id = created.GetProperty("id").GetGuid();
        var (publicLat, publicLng) = (created.GetProperty("latitude").GetDouble(), created.GetProperty("longitude").GetDouble());

        // Radius bisection from many points around the venue: each answer is exactly what the public position
        // alone decides, so the venue stays hidden however many queries are made. The host's own searches too.
        var random = new Random(5);
        for (var i = 0; i < 60; i++)
        {
            var (centreLat, centreLng) = Oracle.Destination(lat, lng, random.NextDouble() * 360, random.NextDouble() * 0.8);
            var radius = Math.Round(0.05 + random.NextDouble() * 0.6, 3);
            var answer = await host.GetFromJsonAsync<JsonElement>(FormattableString.Invariant(
                $"/api/sessions/nearby?lat={centreLat}&lng={centreLng}&radiusKm={radius}"));
            var items = answer.GetProperty("items").EnumerateArray().ToList();
            var found = items.Any(s => s.GetProperty("id").GetGuid() == id);
            var expected = Oracle.DistanceKm(centreLat, centreLng, publicLat, publicLng) <= radius;
            Assert.True(found == expected, $"probe {i}: found {found}, the public position says {expected}");
            foreach (var item in items)
            {
                Assert.False(item.TryGetProperty("venue", out _));
                var distance = item.GetProperty("distanceKm").GetDouble();
                Assert.Equal(Math.Round(distance, 1), distance);
            }
        }

        // Centred on the venue itself, a circle that stops short of the nearest a public position may be finds nothing.
        var atVenue = await host.GetFromJsonAsync<ItemsDto<SessionDto>>(FormattableString.Invariant($"/api/sessions/nearby?lat={lat}&lng={lng}&radiusKm=0.19"));
        Assert.DoesNotContain(atVenue!.Items, s => s.Id == id);
    }

    [Fact]
    public async Task Anonymous_searches_name_nobody_and_the_participant_list_needs_a_token()
    {
        var (lat, lng) = FreshVenue();
        var (host, _) = await _server.SignUpAsync();
        var created = await CreateAsync(host, lat, lng);
        using var anonymous = _server.CreateClient();

        var answer = await anonymous.GetFromJsonAsync<JsonElement>(FormattableString.Invariant($"/api/sessions/nearby?lat={lat}&lng={lng}&radiusKm=2"));
        var item = Assert.Single(answer.GetProperty("items").EnumerateArray());
        Assert.Equal(JsonValueKind.Null, item.GetProperty("host").ValueKind);
        await Problem.ExpectAsync(await anonymous.GetAsync($"/api/sessions/{created.GetProperty("id").GetGuid()}/participants"), HttpStatusCode.Unauthorized, "unauthorized");
    }

    [Fact]
    public async Task Live_maps_carry_only_the_public_position_and_the_session_feed_carries_the_venue()
    {
        var (lat, lng) = FreshVenue();
        var (host, hostAuth) = await _server.SignUpAsync();
        var (guest, _) = await _server.SignUpAsync();
        await using var watcher = await HubListener.ConnectAsync(_server, hostAuth.Token);
        var watched = await watcher.Connection.InvokeAsync<JsonElement>("WatchArea", lat, lng, 5.0);
        Assert.Empty(watched.GetProperty("items").EnumerateArray());
        var created = await CreateAsync(host, lat, lng);
        var id = created.GetProperty("id").GetGuid();
        (await guest.PostAsync($"/api/sessions/{id}/join", null)).EnsureSuccessStatusCode();

        await Eventually.HoldsAsync(() => Task.FromResult(watcher.Events("sessionChanged").Count(e => e.GetProperty("id").GetGuid() == id) >= 2),
            Patience, "the create and the join on the live map");
        Assert.All(watcher.Events("sessionChanged"), e => Assert.False(e.TryGetProperty("venue", out _)));
        var again = await watcher.Connection.InvokeAsync<JsonElement>("WatchArea", lat, lng, 5.0);
        Assert.All(again.GetProperty("items").EnumerateArray(), s => Assert.False(s.TryGetProperty("venue", out _)));
        // Pushes and answers show one point, as written on the wire: the public position to 6 decimals.
        var pushed = watcher.Events("sessionChanged").Where(e => e.GetProperty("id").GetGuid() == id)
            .Concat(again.GetProperty("items").EnumerateArray().Where(s => s.GetProperty("id").GetGuid() == id)).ToList();
        Assert.All(pushed.Append(created), s => Assert.Equal(Shown(created), Shown(s)));

        var feed = await watcher.Connection.InvokeAsync<JsonElement>("SubscribeSession", id.ToString());
        Assert.Equal(lat, feed.GetProperty("session").GetProperty("venue").GetProperty("latitude").GetDouble());
    }

    /// <summary>A session's position as its JSON writes it; docs/api.md: at most 6 decimals, no exponent.</summary>
    private static (string, string) Shown(JsonElement session)
    {
        var (latitude, longitude) = (session.GetProperty("latitude").GetRawText(), session.GetProperty("longitude").GetRawText());
        foreach (var text in new[] { latitude, longitude })
            Assert.Matches(@"^-?\d+(\.\d{1,6})?$", text);
        return (latitude, longitude);
    }

    [Fact]
    public async Task A_description_shows_in_the_session_for_everyone_and_is_left_out_of_lists()
    {
        var (lat, lng) = FreshVenue();
        var (host, _) = await _server.SignUpAsync();
        var response = await host.PostAsJsonAsync("/api/sessions", new
        {
            title = "Thermodynamics", subject = "Physics", sessionType = "silent", latitude = lat, longitude = lng,
            description = "  Chapter 3: entropy.\nBring the problem set.  ",
            startTime = DateTimeOffset.UtcNow.AddMinutes(30).ToString("O"), durationMinutes = 90,
        });
        var created = (await response.Content.ReadFromJsonAsync<SessionDto>())!;
        Assert.Equal("Chapter 3: entropy.\nBring the problem set.", created.Description);
        using var anonymous = _server.CreateClient();
        Assert.Equal(created.Description, (await anonymous.GetFromJsonAsync<SessionDto>($"/api/sessions/{created.Id}"))!.Description);
        var listed = (await anonymous.GetFromJsonAsync<ItemsDto<SessionDto>>(FormattableString.Invariant($"/api/sessions/nearby?lat={lat}&lng={lng}&radiusKm=2")))!.Items;
        Assert.Null(Assert.Single(listed).Description);

        foreach (var description in new[] { new string('x', 2001), "bad\u0000text" })
        {
            var refused = await host.PostAsJsonAsync("/api/sessions", new
            {
                title = "T", subject = "S", sessionType = "silent", latitude = 1.0, longitude = 1.0, description,
                startTime = DateTimeOffset.UtcNow.AddMinutes(30).ToString("O"), durationMinutes = 60,
            });
            Assert.Equal(["description"], (await Problem.ExpectAsync(refused, HttpStatusCode.BadRequest, "validation_failed")).Errors.Keys);
        }
    }

    [Fact]
    public async Task A_venue_note_is_refused_when_too_long_or_not_plain_text()
    {
        var (host, _) = await _server.SignUpAsync();
        foreach (var note in new[] { new string('x', 201), "tables\u0000", "\u202Eelbat" })
        {
            var response = await host.PostAsJsonAsync("/api/sessions", new
            {
                title = "Thermodynamics", subject = "Physics", sessionType = "silent", latitude = 1.0, longitude = 1.0, venueNote = note,
                startTime = DateTimeOffset.UtcNow.AddMinutes(30).ToString("O"), durationMinutes = 90,
            });
            var problem = await Problem.ExpectAsync(response, HttpStatusCode.BadRequest, "validation_failed");
            Assert.Equal(["venueNote"], problem.Errors.Keys);
        }
    }
}
