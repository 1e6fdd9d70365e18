using System.Net.Http.Json;
using System.Text.RegularExpressions;
using DeepWorkMap.Contracts.Api;
using DeepWorkMap.IntegrationTests.Infrastructure;
using Microsoft.Extensions.Options;

namespace DeepWorkMap.IntegrationTests.Calendar;

/// <summary>
/// Absolute links (the calendar feed's address, a session's page in calendar files) come from Web:PublicBaseUrl, or in
/// embedded mode from the address the server listens on: never from the Host header, which the caller chooses.
/// </summary>
public sealed class PublicLinksTests
{
    private static HttpRequestMessage FromElsewhere(HttpMethod method, string path)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.Host = "evil.example";
        request.Headers.Add("X-Forwarded-Host", "evil.example");
        return request;
    }

    /// <summary>Every absolute link a user can be given, each asked for with a forged Host header.</summary>
    private static async Task<List<string>> LinksAsync(RunningServer server)
    {
        var (client, _) = await server.SignUpAsync();
        var session = await RunningServer.CreateSessionAsync(client);
        var me = (await (await client.SendAsync(FromElsewhere(HttpMethod.Get, "/api/me"))).Content.ReadFromJsonAsync<MeDto>())!;
        var rotated = (await (await client.SendAsync(FromElsewhere(HttpMethod.Post, "/api/me/calendar-feed/rotate"))).Content.ReadFromJsonAsync<CalendarFeedDto>())!;
        // The secret is the address's last segment; a configured base may put the address under a path of the proxy's.
        var feed = await (await client.SendAsync(FromElsewhere(HttpMethod.Get, $"/api/calendar/{new Uri(rotated.Url).Segments[^1]}"))).Content.ReadAsStringAsync();
        var file = await (await client.SendAsync(FromElsewhere(HttpMethod.Get, $"/api/sessions/{session.Id}/calendar.ics"))).Content.ReadAsStringAsync();
        // Each event's URL and the address that ends its DESCRIPTION, in the feed and in the session's file (unfolded: RFC 5545 folds long lines).
        var inFiles = Regex.Matches((feed + file).Replace("\r\n ", ""), @"https?://[^\s\\]+\?session=[0-9a-f-]{36}").Select(m => m.Value).ToList();
        Assert.Equal(4, inFiles.Count);
        Assert.All(inFiles, link => Assert.EndsWith($"?session={session.Id}", link));
        return [me.CalendarFeedUrl!, rotated.Url, .. inFiles];
    }

    [Fact]
    public async Task Embedded_mode_links_to_the_address_it_listens_on_whatever_host_the_caller_names()
    {
        await using var server = await RunningServer.StartAsync();
        var links = await LinksAsync(server);
        Assert.All(links, link => Assert.StartsWith(server.BaseAddress.AbsoluteUri, link));
        Assert.Matches(@"/api/calendar/[A-Za-z0-9_-]+\.ics$", links[0]);
    }

    [Fact]
    public async Task Links_are_built_from_the_configured_public_base_url()
    {
        await using var server = await RunningServer.StartAsync(new Dictionary<string, string?> { ["Web:PublicBaseUrl"] = "https://deepwork.example.org/study" });
        var links = await LinksAsync(server);
        Assert.All(links, link => Assert.StartsWith("https://deepwork.example.org/study/", link));
        Assert.All(links, link => Assert.DoesNotContain("evil.example", link));
    }

    [Theory]
    [InlineData("deepwork.example.org")]
    [InlineData("ftp://deepwork.example.org/")]
    [InlineData("https://deepwork.example.org/?from=mail")]
    [InlineData("https://user:secret@deepwork.example.org/")]
    public async Task A_public_base_url_that_is_not_an_absolute_http_address_stops_the_start_naming_the_key(string value)
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() =>
            RunningServer.StartAsync(new Dictionary<string, string?> { ["Web:PublicBaseUrl"] = value }));
        Assert.Contains("Web:PublicBaseUrl", error.Message);
    }
}
