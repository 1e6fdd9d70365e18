using System.Net;
using System.Net.Http.Json;
using DeepWorkMap.Contracts.Api;
using DeepWorkMap.Grains.Geo;
using DeepWorkMap.IntegrationTests.Infrastructure;
using DeepWorkMap.Testing;

namespace DeepWorkMap.IntegrationTests.Sessions;

/// <summary>
/// Averaging many public positions of one venue, as an outsider reads them (anonymously, through the API), never comes
/// within 100 m of it: not the mean, not a fitted ring, not any weighted mean. Venues at corners and on edges of their
/// cells as well as anywhere inside, anywhere on Earth. Cluster mode, on PostgreSQL.
/// </summary>
public sealed class AveragingAttackTests(DurableServerFixture fixture) : IClassFixture<DurableServerFixture>
{
    private const double Guarantee = 100;
    private static readonly string[] EveryDay = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];
    private readonly RunningServer _server = fixture.Server;
    private readonly HttpClient _anonymous = fixture.Server.CreateClient();

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    public async Task A_daily_series_of_84_occurrences_read_through_the_series_and_nearby_averages_to_nowhere_near_the_venue(int kind)
    {
        var venue = Venue(new Random(100 + kind), kind);
        var (host, _) = await _server.SignUpAsync();
        var response = await host.PostAsJsonAsync("/api/series", new CreateSeriesRequest(
            Session(venue, DateTimeOffset.UtcNow.AddHours(1)), EveryDay, 12, "UTC"));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var seriesId = (await response.Content.ReadFromJsonAsync<SeriesDto>())!.Id;

        var occurrences = (await _anonymous.GetFromJsonAsync<SeriesDto>($"/api/series/{seriesId}"))!.Sessions;
        Assert.Equal(84, occurrences.Count);
        AssertNowhereNear(venue, occurrences.Select(Position).ToList(), "the series' occurrences");

        var listed = (await NearbyAsync(venue)).Where(s => s.SeriesId == seriesId).ToList();
        Assert.NotEmpty(listed);
        AssertNowhereNear(venue, listed.Select(Position).ToList(), "the series in nearby");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    public async Task Ten_sessions_of_one_host_at_one_place_show_one_position_nowhere_near_it(int kind)
    {
        var venue = Venue(new Random(200 + kind), kind);
        var (host, _) = await _server.SignUpAsync();
        var positions = new List<(double, double)>();
        for (var i = 0; i < 10; i++) positions.Add(await PublicPositionAsync(await CreateAsync(host, venue, startInHours: 1 + i)));

        Assert.Single(positions.Distinct());
        AssertNowhereNear(venue, positions, "ten sessions of one host");
        AssertNowhereNear(venue, (await NearbyAsync(venue)).Select(Position).ToList(), "them in nearby");
    }

    [Fact]
    public async Task Ten_hosts_at_one_venue_show_one_position_nowhere_near_it()
    {
        var venue = Venue(new Random(300), kind: 0);
        var positions = new List<(double, double)>();
        for (var i = 0; i < 10; i++)
        {
            var (host, _) = await _server.SignUpAsync();
            positions.Add(await PublicPositionAsync(await CreateAsync(host, venue, startInHours: 1 + i)));
        }

        Assert.Single(positions.Distinct());
        AssertNowhereNear(venue, positions, "ten hosts' sessions");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    public async Task Sessions_at_a_venue_moved_by_1_to_50_m_each_time_average_to_nowhere_near_it(int kind)
    {
        var random = new Random(400 + kind);
        var venue = Venue(random, kind);
        var (host, _) = await _server.SignUpAsync();
        var atVenue = await PublicPositionAsync(await CreateAsync(host, venue, startInHours: 1));
        var positions = new List<(double, double)> { atVenue };
        for (var i = 0; i < 15; i++)
        {
            var moved = Moved(venue, random);
            var position = await PublicPositionAsync(await CreateAsync(host, moved, startInHours: 2 + i));
            positions.Add(position);
            // Each pair alone, seen from either of its two places.
            AssertNowhereNear(venue, [atVenue, position], "a session at the venue and one moved");
            AssertNowhereNear(moved, [atVenue, position], "a session moved and one at the venue");
        }
        Assert.True(positions.Distinct().Count() > 1, "some moves crossed into a neighbouring cell");
        AssertNowhereNear(venue, positions, "sessions at venues moved by up to 50 m", fitsRing: false);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    public async Task Edits_moving_one_session_by_1_to_50_m_each_time_average_to_nowhere_near_its_venue(int kind)
    {
        var random = new Random(500 + kind);
        var venue = Venue(random, kind);
        var (host, _) = await _server.SignUpAsync();
        var session = await CreateAsync(host, venue, startInHours: 1);
        var positions = new List<(double, double)> { await PublicPositionAsync(session) };
        for (var i = 0; i < 15; i++)
        {
            var moved = Moved(venue, random);
            (await host.PatchAsJsonAsync($"/api/sessions/{session}", new { latitude = moved.Lat, longitude = moved.Lng })).EnsureSuccessStatusCode();
            positions.Add(await PublicPositionAsync(session));
        }
        Assert.True(positions.Distinct().Count() > 1, "some moves crossed into a neighbouring cell");
        AssertNowhereNear(venue, positions, "one session edited to venues moved by up to 50 m", fitsRing: false);
    }

    [Fact]
    public async Task An_edit_within_the_cell_keeps_the_public_position_and_one_into_the_next_cell_changes_it()
    {
        var random = new Random(600);
        var venue = Venue(random, kind: 2);
        var cell = PublicPosition.Cells.BoundsOf(PublicPosition.Cells.TileOf(venue.Lat, venue.Lng));
        var (host, _) = await _server.SignUpAsync();
        var session = await CreateAsync(host, venue, startInHours: 1);
        var before = await PublicPositionAsync(session);

        var corner = CellPlaces.In(cell, random, kind: 0);
        var edited = await EditAsync(host, session, corner);
        Assert.Equal((corner.Lat, corner.Lng), (edited.Venue!.Latitude, edited.Venue.Longitude));
        Assert.Equal(before, Position(edited));
        Assert.Equal(before, await PublicPositionAsync(session));

        // A few centimetres across the north edge: the next cell's point, where nearby finds it.
        var across = (cell.North + 1e-6, corner.Lng);
        var moved = await EditAsync(host, session, across);
        Assert.NotEqual(before, Position(moved));
        Assert.Contains(await NearbyAsync(across), s => s.Id == session && Position(s) == Position(moved));
    }

    private static void AssertNowhereNear((double Lat, double Lng) venue, IReadOnlyList<(double Lat, double Lng)> positions, string what, bool fitsRing = true)
    {
        var mean = Averaging.MeanMetres(venue.Lat, venue.Lng, positions);
        var hull = Averaging.HullMetres(venue.Lat, venue.Lng, positions);
        Assert.True(mean >= Guarantee, $"{what}: their mean lies {mean:F1} m from the venue");
        Assert.True(hull >= Guarantee, $"{what}: a weighted mean of them lies {hull:F1} m from the venue");
        if (!fitsRing) return;
        var ring = Averaging.RingFitMetres(venue.Lat, venue.Lng, positions);
        Assert.True(ring >= Guarantee, $"{what}: a ring fitted to them is centred {ring:F1} m from the venue");
    }

    /// <summary>A venue somewhere on Earth (away from the poles): at a corner of its cloaking cell (0), on an edge (1), or anywhere inside (2).</summary>
    private static (double Lat, double Lng) Venue(Random random, int kind)
    {
        var (lat, lng) = (random.NextDouble() * 140 - 70, random.NextDouble() * 360 - 180);
        return CellPlaces.In(PublicPosition.Cells.BoundsOf(PublicPosition.Cells.TileOf(lat, lng)), random, kind);
    }

    /// <summary>The venue as a host might click it again: 1 to 50 m off, in any direction.</summary>
    private static (double Lat, double Lng) Moved((double Lat, double Lng) venue, Random random) =>
        Oracle.Destination(venue.Lat, venue.Lng, random.NextDouble() * 360, (1 + random.NextDouble() * 49) / 1000);

    private static CreateSessionRequest Session((double Lat, double Lng) venue, DateTimeOffset start) =>
        new("Thermodynamics", "Physics", "silent", venue.Lat, venue.Lng, start, 60, 5);

    private static async Task<Guid> CreateAsync(HttpClient host, (double Lat, double Lng) venue, int startInHours)
    {
        var response = await host.PostAsJsonAsync("/api/sessions", Session(venue, DateTimeOffset.UtcNow.AddHours(startInHours)));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<SessionDto>())!.Id;
    }

    private static async Task<SessionDto> EditAsync(HttpClient host, Guid session, (double Lat, double Lng) venue)
    {
        var response = await host.PatchAsJsonAsync($"/api/sessions/{session}", new { latitude = venue.Lat, longitude = venue.Lng });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<SessionDto>())!;
    }

    private async Task<(double Lat, double Lng)> PublicPositionAsync(Guid session)
    {
        var read = (await _anonymous.GetFromJsonAsync<SessionDto>($"/api/sessions/{session}"))!;
        Assert.Null(read.Venue);
        return Position(read);
    }

    /// <summary>Every session nearby search lists within 2 km of the place, page by page.</summary>
    private async Task<List<SessionDto>> NearbyAsync((double Lat, double Lng) place)
    {
        var found = new List<SessionDto>();
        string? after = null;
        do
        {
            var page = (await _anonymous.GetFromJsonAsync<SessionPage>(FormattableString.Invariant(
                $"/api/sessions/nearby?lat={place.Lat}&lng={place.Lng}&radiusKm=2&limit=200{(after is null ? "" : "&after=" + Uri.EscapeDataString(after))}")))!;
            found.AddRange(page.Items);
            after = page.NextCursor;
        } while (after is not null);
        return found;
    }

    private static (double Lat, double Lng) Position(SessionDto session) => (session.Latitude, session.Longitude);
}
