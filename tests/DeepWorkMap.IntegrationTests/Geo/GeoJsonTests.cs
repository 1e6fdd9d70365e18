using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using DeepWorkMap.Contracts.Api;
using DeepWorkMap.IntegrationTests.Infrastructure;
using NetTopologySuite.Features;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO.Converters;

namespace DeepWorkMap.IntegrationTests.Geo;

/// <summary>GeoJSON out of nearby and in-view (read back by NetTopologySuite's reader), and the polygon search.</summary>
public sealed class GeoJsonTests(DefaultServerFixture fixture) : IClassFixture<DefaultServerFixture>
{
    /// <summary>NetTopologySuite's reader, as it comes; a feature's "id" member is its <see cref="IUnique.Id"/>.</summary>
    private static readonly JsonSerializerOptions Reader = new(JsonSerializerDefaults.Web) { Converters = { new GeoJsonConverterFactory() } };

    private static string? IdOf(IFeature feature) => (feature as IUnique)?.Id?.ToString();
    private readonly RunningServer _server = fixture.Server;

    private static async Task<List<SessionDto>> HostManyAsync(HttpClient host, double lat, double lng, int count)
    {
        var sessions = new List<SessionDto>();
        for (var i = 0; i < count; i++)
        {
            var response = await host.PostAsJsonAsync("/api/sessions", new
            {
                title = $"Campus {i}", subject = "Chemistry", sessionType = "exam-prep", latitude = lat + (i % 3) * 0.03, longitude = lng + (i / 3) * 0.04,
                startTime = DateTimeOffset.UtcNow.AddMinutes(20 + i), durationMinutes = 60,
            });
            sessions.Add((await response.Content.ReadFromJsonAsync<SessionDto>())!);
        }
        return sessions;
    }

    private static async Task<(FeatureCollection Features, JsonElement Document)> GeoJsonAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/geo+json", response.Content.Headers.ContentType?.MediaType);
        var text = await response.Content.ReadAsStringAsync();
        return (JsonSerializer.Deserialize<FeatureCollection>(text, Reader)!, JsonDocument.Parse(text).RootElement);
    }

    private HttpRequestMessage GeoJsonRequest(HttpMethod method, string path, string? body = null)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/geo+json"));
        if (body is not null) request.Content = new StringContent(body, Encoding.UTF8, "application/geo+json");
        return request;
    }

    [Fact]
    public async Task Nearby_and_in_view_answer_feature_collections_a_geojson_reader_opens()
    {
        var (host, _) = await _server.SignUpAsync();
        var sessions = await HostManyAsync(host, -23.56, -46.73, 3);

        var (features, document) = await GeoJsonAsync(await host.SendAsync(GeoJsonRequest(HttpMethod.Get, "/api/sessions/nearby?lat=-23.53&lng=-46.71&radiusKm=20&limit=2")));
        Assert.Equal(2, features.Count);
        Assert.Equal(JsonValueKind.String, document.GetProperty("nextCursor").ValueKind);
        foreach (var feature in features)
        {
            var session = sessions.Single(s => s.Id.ToString() == IdOf(feature));
            var point = Assert.IsType<Point>(feature.Geometry);
            Assert.Equal((session.Longitude, session.Latitude), (point.X, point.Y)); // RFC 7946: longitude first
            Assert.Equal(session.Title, feature.Attributes["title"]?.ToString());
            Assert.False(feature.Attributes.Exists("venue"));
        }

        var (clusters, view) = await GeoJsonAsync(await host.SendAsync(GeoJsonRequest(HttpMethod.Get, "/api/sessions/in-view?bbox=-50,-27,-43,-20&zoom=6")));
        Assert.Equal(3, view.GetProperty("total").GetInt32());
        Assert.Equal(3, clusters.Sum(c => Convert.ToInt32(c.Attributes["count"]?.ToString())));
        Assert.All(clusters, c => Assert.Equal("True", c.Attributes["cluster"]?.ToString()));
    }

    [Fact]
    public async Task A_polygon_finds_exactly_the_sessions_whose_public_position_it_covers()
    {
        var (host, _) = await _server.SignUpAsync();
        var sessions = await HostManyAsync(host, 51.75, -1.26, 9);
        var (west, south) = (sessions.Min(s => s.Longitude) - 0.01, sessions.Min(s => s.Latitude) - 0.01);
        var (east, north) = (sessions.Max(s => s.Longitude) + 0.01, sessions.Max(s => s.Latitude) + 0.01);
        // A triangle: the south-west half of the sessions' box.
        var triangle = new[] { (west, south), (east, south), (west, north) };
        var polygon = JsonSerializer.Serialize(new { type = "Polygon", coordinates = new[] { triangle.Append(triangle[0]).Select(p => new[] { p.Item1, p.Item2 }).ToArray() } });

        var answer = (await (await host.PostAsync("/api/sessions/in-area", new StringContent(polygon, Encoding.UTF8, "application/geo+json"))).Content.ReadFromJsonAsync<SessionPage>())!;
        var expected = sessions.Where(s => Inside(triangle, s.Longitude, s.Latitude)).OrderBy(s => s.StartTime).ThenBy(s => s.Id).Select(s => s.Id).ToList();
        Assert.InRange(expected.Count, 1, 8);
        Assert.Equal(expected, answer.Items.Select(s => s.Id));

        var (features, _) = await GeoJsonAsync(await host.SendAsync(GeoJsonRequest(HttpMethod.Post, "/api/sessions/in-area?limit=1", polygon)));
        Assert.Equal(expected[0].ToString(), IdOf(Assert.Single(features)));
    }

    [Theory]
    [InlineData("""{"type":"Point","coordinates":[0,0]}""")]
    [InlineData("""{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,1]]]}""")]                 // not closed
    [InlineData("""{"type":"Polygon","coordinates":[[[0,0],[1,1],[1,0],[0,1],[0,0]]]}""")]             // crosses itself
    [InlineData("""{"type":"Polygon","coordinates":[[[-170,0],[170,0],[170,1],[-170,1],[-170,0]]]}""")] // meant across the antimeridian
    [InlineData("""{"type":"Polygon","coordinates":[[[0,0],[200,0],[200,1],[0,0]]]}""")]
    [InlineData("""{"type":"Polygon","coordinates":[[[-60,-30],[60,-30],[60,30],[-60,30],[-60,-30]]]}""")] // far too large
    [InlineData("""[1,2,3]""")]
    public async Task Anything_but_a_valid_polygon_is_400_naming_the_area(string body)
    {
        var response = await _server.CreateClient().PostAsync("/api/sessions/in-area", new StringContent(body, Encoding.UTF8, "application/json"));
        var problem = await Problem.ExpectAsync(response, HttpStatusCode.BadRequest, "validation_failed");
        Assert.Contains("area", problem.Errors.Keys);
    }

    /// <summary>Ray casting, the textbook way: the oracle for which positions a polygon holds.</summary>
    private static bool Inside((double X, double Y)[] polygon, double x, double y)
    {
        var inside = false;
        for (int i = 0, j = polygon.Length - 1; i < polygon.Length; j = i++)
            if ((polygon[i].Y > y) != (polygon[j].Y > y) && x < (polygon[j].X - polygon[i].X) * (y - polygon[i].Y) / (polygon[j].Y - polygon[i].Y) + polygon[i].X)
                inside = !inside;
        return inside;
    }
}
