using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using DeepWorkMap.Contracts.Api;
using DeepWorkMap.IntegrationTests.Infrastructure;

namespace DeepWorkMap.IntegrationTests.Geo;

/// <summary>
/// docs/api.md's <c>fields=map</c>: the map's lists in a smaller form. It must carry exactly the documented fields, each
/// with the value the full form gives the same caller, so it can never tell anyone more than the full form does.
/// </summary>
public sealed class MapListFormTests(DefaultServerFixture fixture) : IClassFixture<DefaultServerFixture>
{
    private static readonly string[] MapFields =
        ["id", "title", "subject", "sessionType", "status", "latitude", "longitude", "startTime", "endTime", "maxParticipants", "currentParticipants"];

    private readonly RunningServer _server = fixture.Server;

    [Fact]
    public async Task The_map_form_carries_exactly_its_fields_with_the_values_the_full_form_gives_each_caller()
    {
        var (lat, lng) = (-33.87, 151.21);
        var (host, _) = await _server.SignUpAsync();
        var (participant, _) = await _server.SignUpAsync();
        var (stranger, _) = await _server.SignUpAsync();
        var start = DateTimeOffset.UtcNow.AddHours(2);
        var open = await CreateAsync(host, new CreateSessionRequest("Thesis writing", "Biology", "silent", lat, lng, start, 90, 4,
            VenueNote: "Back room, knock twice", Description: "Quiet writing", WaitlistLimit: 3, MinAttendanceRate: 0.5, Timer: new TimerDto(50, 10, 3)));
        var other = await CreateAsync(host, new CreateSessionRequest("Exam prep", "Law", "exam-prep", lat + 0.01, lng + 0.01, start.AddMinutes(30), 60, 2));
        var hidden = await CreateAsync(host, new CreateSessionRequest("Private", "Law", "discussion", lat + 0.005, lng, start, 60, 5, Visibility: "private"));
        var (seriesHost, _) = await _server.SignUpAsync();
        var seriesAnswer = await seriesHost.PostAsJsonAsync("/api/series", new CreateSeriesRequest(
            new CreateSessionRequest("Reading group", "Literature", "discussion", lat - 0.01, lng - 0.01, start.AddMinutes(10), 60, 8),
            ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"], 2, "UTC"));
        seriesAnswer.EnsureSuccessStatusCode();
        var series = (await seriesAnswer.Content.ReadFromJsonAsync<SeriesDto>())!;
        (await participant.PostAsync($"/api/sessions/{open.Id}/join", null)).EnsureSuccessStatusCode();

        var box = FormattableString.Invariant($"{lng - 0.05},{lat - 0.05},{lng + 0.05},{lat + 0.05}");
        var square = FormattableString.Invariant(
            $$"""{"type":"Polygon","coordinates":[[[{{lng - 0.05}},{{lat - 0.05}}],[{{lng + 0.05}},{{lat - 0.05}}],[{{lng + 0.05}},{{lat + 0.05}}],[{{lng - 0.05}},{{lat + 0.05}}],[{{lng - 0.05}},{{lat - 0.05}}]]]}""");
        var searches = new (string Name, Func<HttpClient, string, Task<HttpResponseMessage>> Ask, bool Distance)[]
        {
            ("nearby", (c, f) => c.GetAsync(FormattableString.Invariant($"/api/sessions/nearby?lat={lat}&lng={lng}&radiusKm=5{f}")), true),
            ("in-view", (c, f) => c.GetAsync($"/api/sessions/in-view?bbox={box}&zoom=14{f}"), false),
            ("in-area", (c, f) => c.PostAsync($"/api/sessions/in-area?limit=50{f}", new StringContent(square, Encoding.UTF8, "application/json")), false),
        };

        foreach (var (caller, who) in new[] { (_server.CreateClient(), "anonymous"), (stranger, "signed in"), (participant, "participant"), (host, "host") })
        {
            foreach (var (name, ask, distance) in searches)
            {
                var full = await ItemsAsync(await ask(caller, ""));
                var map = await ItemsAsync(await ask(caller, "&fields=map"));
                var context = $"{name}, {who}";
                Assert.Equal([open.Id, series.Sessions[0].Id, other.Id], full.Select(IdOf));
                Assert.Equal(full.Select(IdOf), map.Select(IdOf));
                Assert.DoesNotContain(hidden.Id, map.Select(IdOf));
                foreach (var (fullItem, mapItem) in full.Zip(map))
                {
                    var expected = distance ? [.. MapFields, "distanceKm"] : MapFields;
                    Assert.True(expected.Order().SequenceEqual(mapItem.EnumerateObject().Select(p => p.Name).Order()),
                        $"{context}: the map item's fields are {string.Join(", ", mapItem.EnumerateObject().Select(p => p.Name))}");
                    foreach (var property in mapItem.EnumerateObject())
                        Assert.True(fullItem.GetProperty(property.Name).GetRawText() == property.Value.GetRawText(),
                            $"{context}: {property.Name} is {property.Value.GetRawText()} in the map's form, {fullItem.GetProperty(property.Name).GetRawText()} in the full");
                }
            }
        }

        // The series shows once, and its item opens: the id is the occurrence's, read in full by GET.
        var shown = (await ItemsAsync(await searches[0].Ask(_server.CreateClient(), "&fields=map"))).Single(i => IdOf(i) == series.Sessions[0].Id);
        var opened = (await _server.CreateClient().GetFromJsonAsync<SessionDto>($"/api/sessions/{IdOf(shown)}"))!;
        Assert.Equal(series.Id, opened.SeriesId);
    }

    [Fact]
    public async Task The_map_form_of_a_GeoJSON_answer_has_the_same_fields_as_properties()
    {
        var (lat, lng) = (-22.91, -43.17);
        var (host, _) = await _server.SignUpAsync();
        var created = await CreateAsync(host, new CreateSessionRequest("Calculus", "Maths", "silent", lat, lng, DateTimeOffset.UtcNow.AddHours(3), 60, 6, VenueNote: "Table 4"));
        using var request = new HttpRequestMessage(HttpMethod.Get, FormattableString.Invariant($"/api/sessions/nearby?lat={lat}&lng={lng}&radiusKm=5&fields=map"));
        request.Headers.Accept.ParseAdd("application/geo+json");
        var response = await host.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var feature = Assert.Single(document.RootElement.GetProperty("features").EnumerateArray());
        Assert.Equal(created.Id.ToString(), feature.GetProperty("id").GetString());
        Assert.Equal(
            MapFields.Except(["id", "latitude", "longitude"]).Append("distanceKm").Order(),
            feature.GetProperty("properties").EnumerateObject().Select(p => p.Name).Order());
    }

    [Theory]
    [InlineData("full")]
    [InlineData("MAP")]
    [InlineData("map,venue")]
    public async Task An_unknown_fields_value_is_400_naming_fields(string fields)
    {
        using var client = _server.CreateClient();
        var polygon = """{"type":"Polygon","coordinates":[[[0,0],[0.1,0],[0.1,0.1],[0,0.1],[0,0]]]}""";
        var answers = new[]
        {
            await client.GetAsync($"/api/sessions/nearby?lat=0&lng=0&radiusKm=5&fields={fields}"),
            await client.GetAsync($"/api/sessions/in-view?bbox=0,0,0.1,0.1&zoom=14&fields={fields}"),
            await client.PostAsync($"/api/sessions/in-area?fields={fields}", new StringContent(polygon, Encoding.UTF8, "application/json")),
            // Repeated, it is refused too, alongside any other bad field.
            await client.GetAsync($"/api/sessions/nearby?lat=0&lng=0&radiusKm=5&fields=map&fields={fields}"),
        };
        foreach (var answer in answers)
        {
            var problem = await Problem.ExpectAsync(answer, HttpStatusCode.BadRequest, "validation_failed");
            Assert.Equal(["fields"], problem.Errors.Keys);
        }
        var both = await Problem.ExpectAsync(await client.GetAsync($"/api/sessions/nearby?lat=0&lng=0&radiusKm=0&fields={fields}"), HttpStatusCode.BadRequest, "validation_failed");
        Assert.Equal(["fields", "radiusKm"], both.Errors.Keys.Order());
    }

    private static async Task<SessionDto> CreateAsync(HttpClient host, CreateSessionRequest request)
    {
        var response = await host.PostAsJsonAsync("/api/sessions", request);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<SessionDto>())!;
    }

    private static async Task<List<JsonElement>> ItemsAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return document.RootElement.GetProperty("items").EnumerateArray().Select(i => i.Clone()).ToList();
    }

    private static Guid IdOf(JsonElement item) => item.GetProperty("id").GetGuid();
}
