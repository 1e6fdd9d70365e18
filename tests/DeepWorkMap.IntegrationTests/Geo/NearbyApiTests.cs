using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DeepWorkMap.Contracts.Api;
using DeepWorkMap.IntegrationTests.Infrastructure;
using DeepWorkMap.Testing;
using DeepWorkMap.IntegrationTests.Sessions;

namespace DeepWorkMap.IntegrationTests.Geo;

/// <summary>GET /api/sessions/nearby over real HTTP: validation, filters, order, distance, lifecycle.</summary>
public sealed class NearbyApiTests(ClockedServerFixture fixture) : IClassFixture<ClockedServerFixture>
{
    private readonly RunningServer _server = fixture.Server;
    private static int _place;

    /// <summary>A place of its own for each test, so tests sharing the server do not see each other's sessions.</summary>
    private static (double Lat, double Lng) FreshPlace()
    {
        var n = Interlocked.Increment(ref _place);
        return (-40 + n * 7.1, -150 + n * 23.3);
    }

    private async Task<SessionDto> HostAsync(HttpClient host, double lat, double lng, string type = "silent", string subject = "Physics", int startInMinutes = 30)
    {
        var response = await host.PostAsJsonAsync("/api/sessions", new
        {
            title = "Study", subject, sessionType = type, latitude = lat, longitude = lng,
            startTime = fixture.Clock.GetUtcNow().AddMinutes(startInMinutes), durationMinutes = 120, maxParticipants = 5,
        });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<SessionDto>())!;
    }

    private async Task<List<SessionDto>> NearbyAsync(HttpClient client, string query) =>
        (await client.GetFromJsonAsync<ItemsDto<SessionDto>>($"/api/sessions/nearby?{query}"))!.Items.ToList();

    [Theory]
    [InlineData("lng=0&radiusKm=5", "lat")]
    [InlineData("lat=91&lng=0&radiusKm=5", "lat")]
    [InlineData("lat=abc&lng=0&radiusKm=5", "lat")]
    [InlineData("lat=0&lng=-180.01&radiusKm=5", "lng")]
    [InlineData("lat=0&lng=0", "radiusKm")]
    [InlineData("lat=0&lng=0&radiusKm=0", "radiusKm")]
    [InlineData("lat=0&lng=0&radiusKm=100.001", "radiusKm")]
    [InlineData("lat=0&lng=0&radiusKm=NaN", "radiusKm")]
    [InlineData("lat=0&lng=0&radiusKm=5&limit=0", "limit")]
    [InlineData("lat=0&lng=0&radiusKm=5&limit=201", "limit")]
    [InlineData("lat=0&lng=0&radiusKm=5&status=finished", "status")]
    [InlineData("lat=0&lng=0&radiusKm=5&sessionType=party", "sessionType")]
    public async Task Invalid_queries_are_400_naming_the_field(string query, string field)
    {
        using var client = _server.CreateClient();
        var problem = await Problem.ExpectAsync(await client.GetAsync($"/api/sessions/nearby?{query}"), HttpStatusCode.BadRequest, "validation_failed");
        Assert.Equal([field], problem.Errors.Keys);
    }

    [Fact]
    public async Task Pages_through_every_session_in_the_circle_so_a_flood_cannot_hide_one()
    {
        var (lat, lng) = FreshPlace();
        var (host, _) = await _server.SignUpAsync();
        var hosted = new List<SessionDto>();
        for (var i = 0; i < 7; i++) hosted.Add(await HostAsync(host, lat + i * 0.001, lng, startInMinutes: 30 + i % 3));
        var expected = hosted.OrderBy(s => s.StartTime).ThenBy(s => s.Id).Select(s => s.Id).ToList();

        var seen = new List<Guid>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var page = (await host.GetFromJsonAsync<SessionPage>($"/api/sessions/nearby?lat={lat}&lng={lng}&radiusKm=5&limit=3" + (cursor is null ? "" : $"&after={cursor}")))!;
            seen.AddRange(page.Items.Select(s => s.Id));
            cursor = page.NextCursor;
            pages++;
        }
        while (cursor is not null && pages < 10);

        Assert.Equal(expected, seen);
        Assert.Equal(3, pages);
        using var client = _server.CreateClient();
        var problem = await Problem.ExpectAsync(await client.GetAsync($"/api/sessions/nearby?lat={lat}&lng={lng}&radiusKm=5&after=not-a-cursor"), HttpStatusCode.BadRequest, "validation_failed");
        Assert.Equal(["after"], problem.Errors.Keys);
    }

    [Fact]
    public async Task Returns_sessions_in_the_circle_by_start_time_with_their_distance()
    {
        var (lat, lng) = FreshPlace();
        var (host, auth) = await _server.SignUpAsync();
        var later = await HostAsync(host, lat + 0.01, lng, startInMinutes: 90);      // ~1.1 km north
        var sooner = await HostAsync(host, lat, lng + 0.02, startInMinutes: 20);     // ~1-2 km east
        var far = await HostAsync(host, lat + 0.5, lng, startInMinutes: 10);         // ~55 km north

        using var anonymous = _server.CreateClient();
        var near = await NearbyAsync(anonymous, $"lat={lat}&lng={lng}&radiusKm=5");
        Assert.Equal([sooner.Id, later.Id], near.Select(s => s.Id));
        // The distance is to the public position, to 0.1 km; anonymous callers see no host.
        Assert.Equal(Math.Round(Oracle.DistanceKm(lat, lng, later.Latitude, later.Longitude), 1), near[1].DistanceKm!.Value);
        Assert.Null(near[0].Host);
        Assert.Equal(auth.User, (await NearbyAsync(host, $"lat={lat}&lng={lng}&radiusKm=5"))[0].Host);

        var wide = await NearbyAsync(anonymous, $"lat={lat}&lng={lng}&radiusKm=100");
        Assert.Equal([far.Id, sooner.Id, later.Id], wide.Select(s => s.Id));
        Assert.Equal([far.Id], (await NearbyAsync(anonymous, $"lat={lat}&lng={lng}&radiusKm=100&limit=1")).Select(s => s.Id));

        // distanceKm appears on nearby items only.
        var single = await anonymous.GetStringAsync($"/api/sessions/{far.Id}");
        Assert.DoesNotContain("distanceKm", single);
        using var json = JsonDocument.Parse(await anonymous.GetStringAsync($"/api/sessions/nearby?lat={lat}&lng={lng}&radiusKm=5"));
        Assert.True(json.RootElement.GetProperty("items")[0].TryGetProperty("distanceKm", out _));
    }

    [Fact]
    public async Task Filters_by_type_subject_case_insensitively_and_status()
    {
        var (lat, lng) = FreshPlace();
        var (host, _) = await _server.SignUpAsync();
        var silentPhysics = await HostAsync(host, lat, lng, "silent", "Physics");
        var examLaw = await HostAsync(host, lat, lng, "exam-prep", "Law", startInMinutes: -2);
        var discussionPhysics = await HostAsync(host, lat, lng, "discussion", "physics ");

        using var client = _server.CreateClient();
        var at = $"lat={lat}&lng={lng}&radiusKm=1";
        Assert.Equal([examLaw.Id], (await NearbyAsync(client, at + "&sessionType=exam-prep")).Select(s => s.Id));
        Assert.Equal(new[] { silentPhysics.Id, discussionPhysics.Id }.Order(), (await NearbyAsync(client, at + "&subject=PHYSICS")).Select(s => s.Id).Order());
        Assert.Empty(await NearbyAsync(client, at + "&subject=Phys"));
        Assert.Equal([examLaw.Id], (await NearbyAsync(client, at + "&status=live")).Select(s => s.Id));
        Assert.Equal("live", (await NearbyAsync(client, at + "&status=live"))[0].Status);
        Assert.Equal(2, (await NearbyAsync(client, at + "&status=starting-soon")).Count);
    }

    [Fact]
    public async Task Ended_and_elapsed_sessions_leave_the_results_and_joins_show_in_seat_counts()
    {
        var (lat, lng) = FreshPlace();
        var (host, _) = await _server.SignUpAsync();
        var ended = await HostAsync(host, lat, lng);
        var kept = await HostAsync(host, lat, lng, startInMinutes: 40);
        var (guest, _) = await _server.SignUpAsync();
        await guest.PostAsync($"/api/sessions/{kept.Id}/join", null);
        await host.PostAsync($"/api/sessions/{ended.Id}/end", null);

        using var client = _server.CreateClient();
        var found = Assert.Single(await NearbyAsync(client, $"lat={lat}&lng={lng}&radiusKm=3"));
        Assert.Equal(kept.Id, found.Id);
        Assert.Equal(2, found.CurrentParticipants);

        fixture.Clock.Advance(TimeSpan.FromMinutes(40 + 120));
        Assert.Empty(await NearbyAsync(client, $"lat={lat}&lng={lng}&radiusKm=3"));
    }

    [Fact]
    public async Task A_place_searched_before_still_shows_every_change_at_once()
    {
        // The front door remembers which tiles hold sessions (never which are empty): a tile it remembers that empties
        // and fills again, and a neighbouring tile that was empty when first searched, must both be read afresh.
        var (lat, lng) = FreshPlace();
        var neighbour = (Lat: lat + 0.4, Lng: lng); // two fine tiles (0.18°) to the north
        var (host, _) = await _server.SignUpAsync();
        using var client = _server.CreateClient();
        var here = $"lat={lat}&lng={lng}&radiusKm=5";
        var there = $"lat={neighbour.Lat}&lng={neighbour.Lng}&radiusKm=5";

        var first = await HostAsync(host, lat, lng);
        Assert.Equal([first.Id], (await NearbyAsync(client, here)).Select(s => s.Id));
        Assert.Empty(await NearbyAsync(client, there));

        await host.PostAsync($"/api/sessions/{first.Id}/end", null);
        Assert.Empty(await NearbyAsync(client, here));

        var next = await HostAsync(host, neighbour.Lat, neighbour.Lng);
        Assert.Equal([next.Id], (await NearbyAsync(client, there)).Select(s => s.Id));
        var again = await HostAsync(host, lat, lng);
        Assert.Equal([again.Id], (await NearbyAsync(client, here)).Select(s => s.Id));

        // Moved out of a remembered tile into another remembered one: gone from the first at once, in the second.
        Assert.Equal(HttpStatusCode.OK, (await host.PatchAsJsonAsync($"/api/sessions/{again.Id}", new { latitude = neighbour.Lat, longitude = neighbour.Lng })).StatusCode);
        Assert.Empty(await NearbyAsync(client, here));
        Assert.Equal(new[] { next.Id, again.Id }.Order(), (await NearbyAsync(client, there)).Select(s => s.Id).Order());
    }
}
