using System.Net;
using System.Net.Http.Json;
using DeepWorkMap.Contracts.Api;
using DeepWorkMap.IntegrationTests.Infrastructure;

namespace DeepWorkMap.IntegrationTests.Geo;

/// <summary>GET /api/sessions/in-view over real HTTP: a page of sessions up close, clusters far out, paging, the antimeridian, privacy, validation.</summary>
public sealed class InViewApiTests(DefaultServerFixture fixture) : IClassFixture<DefaultServerFixture>
{
    private readonly RunningServer _server = fixture.Server;

    private static async Task<SessionDto> HostAsync(HttpClient host, double lat, double lng, string visibility = "public")
    {
        var response = await host.PostAsJsonAsync("/api/sessions", new
        {
            title = "Study", subject = "Physics", sessionType = "silent", latitude = lat, longitude = lng, visibility,
            startTime = DateTimeOffset.UtcNow.AddMinutes(30), durationMinutes = 120,
        });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<SessionDto>())!;
    }

    private static async Task<ViewPage> InViewAsync(HttpClient client, string query) =>
        (await client.GetFromJsonAsync<ViewPage>($"/api/sessions/in-view?{query}"))!;

    [Fact]
    public async Task Up_close_a_page_of_what_is_on_screen_far_out_clusters_that_add_up()
    {
        var (host, _) = await _server.SignUpAsync();
        // Public positions lie within 550 m of the venue: a box of ±0.05° holds them all.
        var sessions = new List<SessionDto>();
        for (var i = 0; i < 4; i++) sessions.Add(await HostAsync(host, 10.5 + i * 0.01, 120.5));
        var hidden = await HostAsync(host, 10.52, 120.5, visibility: "private");
        const string box = "bbox=120.4,10.4,120.6,10.6";

        var up = await InViewAsync(host, $"{box}&zoom=14");
        Assert.Equal((4, null), (up.Total, up.Clusters));
        Assert.Equal(sessions.OrderBy(s => s.StartTime).ThenBy(s => s.Id).Select(s => s.Id), up.Items.Select(s => s.Id));
        Assert.DoesNotContain(up.Items, s => s.Id == hidden.Id);
        Assert.All(up.Items, s => Assert.Null(s.Venue));
        Assert.All(up.Items, s => Assert.Equal(sessions.Single(x => x.Id == s.Id).Latitude, s.Latitude));

        var first = await InViewAsync(host, $"{box}&zoom=14&limit=3");
        Assert.Equal((3, 4), (first.Items.Count, first.Total));
        var rest = await InViewAsync(host, $"{box}&zoom=14&limit=3&after={first.NextCursor}");
        Assert.Equal((1, null), (rest.Items.Count, rest.NextCursor));
        Assert.Equal(up.Items[^1].Id, rest.Items[0].Id);

        var far = await InViewAsync(host, "bbox=112,2,128,18&zoom=6");
        Assert.Empty(far.Items);
        var cluster = Assert.Single(far.Clusters!, c => c.Latitude > 10.4 && c.Latitude < 10.6);
        Assert.Equal(4, cluster.Count);
        Assert.Equal(far.Total, far.Clusters!.Sum(c => c.Count));

        // Anonymous callers see no host, as in nearby.
        Assert.All((await InViewAsync(_server.CreateClient(), $"{box}&zoom=14")).Items, s => Assert.Null(s.Host));
    }

    [Fact]
    public async Task A_box_across_the_antimeridian_holds_both_sides()
    {
        var (host, _) = await _server.SignUpAsync();
        var east = await HostAsync(host, -15.5, 179.95);
        var west = await HostAsync(host, -15.5, -179.95);
        var page = await InViewAsync(host, "bbox=179.8,-15.7,-179.8,-15.3&zoom=13");
        Assert.Equal(new[] { east.Id, west.Id }.Order(), page.Items.Select(s => s.Id).Order());
        // The other way round, the box is the rest of the world's band: neither is in it.
        Assert.DoesNotContain((await InViewAsync(host, "bbox=-179.8,-15.7,179.8,-15.3&zoom=3")).Clusters!, c => Math.Abs(c.Longitude) > 179.8);
    }

    [Theory]
    [InlineData("zoom=12", "bbox")]
    [InlineData("bbox=1,2,3&zoom=12", "bbox")]
    [InlineData("bbox=0,10,1,10&zoom=12", "bbox")]
    [InlineData("bbox=0,0,181,1&zoom=12", "bbox")]
    [InlineData("bbox=5,0,5,1&zoom=12", "bbox")]
    [InlineData("bbox=-180,-80,180,80&zoom=2", "bbox")]
    [InlineData("bbox=0,0,1,1", "zoom")]
    [InlineData("bbox=0,0,1,1&zoom=23", "zoom")]
    [InlineData("bbox=0,0,1,1&zoom=12&limit=0", "limit")]
    [InlineData("bbox=0,0,1,1&zoom=12&sessionType=nap", "sessionType")]
    [InlineData("bbox=0,0,1,1&zoom=12&after=nonsense", "after")]
    public async Task Bad_queries_are_400_naming_the_field(string query, string field)
    {
        var problem = await Problem.ExpectAsync(await _server.CreateClient().GetAsync($"/api/sessions/in-view?{query}"), HttpStatusCode.BadRequest, "validation_failed");
        Assert.Contains(field, problem.Errors.Keys);
    }
}
