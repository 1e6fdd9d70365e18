using System.Net;
using DeepWorkMap.IntegrationTests.Chat;
using DeepWorkMap.IntegrationTests.Infrastructure;

namespace DeepWorkMap.IntegrationTests.Web;

/// <summary>The web page served at / and driven in Debian's Chromium by playwright-core (tests/js/web-page.mjs).</summary>
public sealed class WebPageTests(DefaultServerFixture fixture) : IClassFixture<DefaultServerFixture>
{
    [Fact]
    public async Task Two_people_host_find_join_chat_and_end_a_session_in_real_browsers()
    {
        var screenshots = await BrowserScript.RunAsync(fixture.Server, "tests/js/web-page.mjs", "screenshots");
        Assert.True(Directory.GetFiles(screenshots, "*.png").Length >= 10, "a screenshot of each step");
    }

    [Fact]
    public async Task The_page_and_its_libraries_are_served_from_this_server()
    {
        using var client = fixture.Server.CreateClient();
        var page = await client.GetStringAsync("/");
        Assert.Contains("data-testid=\"map\"", page);
        Assert.DoesNotContain("://", page.Replace("http://www.w3.org", "", StringComparison.Ordinal)); // no CDN
        foreach (var asset in new[] { "/app.js", "/app.css", "/vendor/leaflet/leaflet.js", "/vendor/signalr/signalr.min.js", "/vendor/topojson/topojson-client.min.js", "/vendor/world-atlas/land-50m.json", "/vendor/chartjs/chart.umd.min.js", "/app-config.json" })
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(asset)).StatusCode);
    }

    [Fact]
    public void The_vendored_libraries_are_exactly_the_locked_npm_packages()
    {
        var vendor = Path.Combine(RepositoryRoot.Path, "src", "DeepWorkMap.Server", "wwwroot", "vendor");
        var modules = Path.Combine(RepositoryRoot.Path, "node_modules");
        var pairs = new Dictionary<string, string>
        {
            ["leaflet/leaflet.js"] = "leaflet/dist/leaflet.js",
            ["leaflet/leaflet.css"] = "leaflet/dist/leaflet.css",
            ["signalr/signalr.min.js"] = "@microsoft/signalr/dist/browser/signalr.min.js",
            ["topojson/topojson-client.min.js"] = "topojson-client/dist/topojson-client.min.js",
            ["world-atlas/land-50m.json"] = "world-atlas/land-50m.json",
            ["chartjs/chart.umd.min.js"] = "chart.js/dist/chart.umd.min.js",
        };
        foreach (var (served, installed) in pairs)
            Assert.True(File.ReadAllBytes(Path.Combine(vendor, served)).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(modules, installed))),
                $"{served} differs from node_modules/{installed}: run scripts/vendor-web.sh");
    }
}

/// <summary>Sessions people can rely on, in Chromium (tests/js/reliable-sessions.mjs), on a server of its own so its sessions stay off the other page test's map.</summary>
public sealed class ReliableSessionsPageTests(DefaultServerFixture fixture) : IClassFixture<DefaultServerFixture>
{
    [Fact]
    public async Task Waitlist_check_in_edit_weekly_series_and_cancel_work_for_three_people_in_real_browsers()
    {
        await BrowserScript.RunAsync(fixture.Server, "tests/js/reliable-sessions.mjs", "screenshots-reliable");
    }
}

/// <summary>Notifications, preferences, follows, saved sessions and calendars in Chromium (tests/js/notifications.mjs), on a server of its own.</summary>
public sealed class NotificationsPageTests(DefaultServerFixture fixture) : IClassFixture<DefaultServerFixture>
{
    [Fact]
    public async Task The_bell_preferences_follows_saves_calendars_and_browser_notifications_work_in_real_browsers()
    {
        await BrowserScript.RunAsync(fixture.Server, "tests/js/notifications.mjs", "screenshots-notifications");
    }
}

/// <summary>The focus room in Chromium (tests/js/focus-room.mjs), on a server of its own.</summary>
public sealed class FocusRoomPageTests(QuickAwayServerFixture fixture) : IClassFixture<QuickAwayServerFixture>
{
    [Fact]
    public async Task Two_people_see_one_timer_and_each_others_goals_in_real_browsers()
    {
        await BrowserScript.RunAsync(fixture.Server, "tests/js/focus-room.mjs", "screenshots-focus");
    }
}

/// <summary>Focus stats in Chromium (tests/js/focus-stats.mjs): a real minute of presence, the 30-day chart, the leaderboard, hiding.</summary>
public sealed class FocusStatsPageTests(DefaultServerFixture fixture) : IClassFixture<DefaultServerFixture>
{
    [Fact]
    public async Task A_minute_present_in_a_session_shows_in_the_chart_and_on_a_followers_leaderboard_until_hidden()
    {
        await BrowserScript.RunAsync(fixture.Server, "tests/js/focus-stats.mjs", "screenshots-stats");
    }
}

/// <summary>The map's view in Chromium (tests/js/map-view.mjs): the sessions on screen up close, counted clusters farther out.</summary>
public sealed class MapViewPageTests(DefaultServerFixture fixture) : IClassFixture<DefaultServerFixture>
{
    [Fact]
    public async Task The_map_lists_what_is_on_screen_and_clusters_it_when_far_out()
    {
        await BrowserScript.RunAsync(fixture.Server, "tests/js/map-view.mjs", "screenshots-map");
    }
}
