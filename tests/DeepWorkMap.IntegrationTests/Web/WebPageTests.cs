using System.Net;
using System.Net.Http.Headers;
using System.IO.Compression;
using System.Text.Json;
using System.Text.RegularExpressions;
using DeepWorkMap.IntegrationTests.Infrastructure;

namespace DeepWorkMap.IntegrationTests.Web;

/// <summary>The web page served at / and driven in Debian's Chromium by playwright-core (tests/js/web-page.mjs).</summary>
public sealed class WebPageTests(DefaultServerFixture fixture) : IClassFixture<DefaultServerFixture>
{
    private static readonly string WebRoot = Path.Combine(RepositoryRoot.Path, "src", "DeepWorkMap.Server", "wwwroot");

    [Fact]
    public async Task Two_people_host_find_join_chat_and_end_a_session_on_a_desktop_and_a_phone()
    {
        var screenshots = await BrowserScript.RunAsync(fixture.Server, "tests/js/web-page.mjs", "page-");
        Assert.True(screenshots.Length >= 20, "a screenshot of each step");
    }

    [Fact]
    public async Task The_page_and_its_libraries_are_served_from_this_server()
    {
        using var client = fixture.Server.CreateClient();
        var page = await client.GetStringAsync("/");
        Assert.Contains("data-testid=\"map\"", page);
        Assert.DoesNotContain("://", page.Replace("http://www.w3.org", "", StringComparison.Ordinal)); // no CDN
        var modules = Directory.GetFiles(Path.Combine(WebRoot, "js"), "*.js").Select(file => $"/js/{Path.GetFileName(file)}");
        var assets = new[] { "/app.css", "/sw.js", "/manifest.webmanifest", "/favicon.ico", "/icons/icon.svg", "/icons/icon-192.png", "/icons/icon-512.png",
            "/vendor/leaflet/leaflet.js", "/vendor/signalr/signalr.min.js", "/vendor/topojson/topojson-client.min.js",
            "/vendor/world-atlas/land-110m.json", "/vendor/chartjs/chart.umd.min.js", "/app-config.json" };
        foreach (var asset in assets.Concat(modules))
            Assert.True((await client.GetAsync(asset)).StatusCode == HttpStatusCode.OK, asset);
    }

    /// <summary>MapStaticAssets: compressed at build time, ETags that answer 304, and fingerprinted copies cached for good.</summary>
    [Fact]
    public async Task Static_files_are_served_compressed_with_etags_and_fingerprinted_copies()
    {
        using var client = fixture.Server.CreateClient();
        using var compressed = new HttpRequestMessage(HttpMethod.Get, "/js/state.js");
        compressed.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue("gzip"));
        using var answer = await client.SendAsync(compressed);
        Assert.Equal("gzip", Assert.Single(answer.Content.Headers.ContentEncoding));
        await using (var unzipped = new GZipStream(await answer.Content.ReadAsStreamAsync(), CompressionMode.Decompress))
        using (var reader = new StreamReader(unzipped))
            Assert.Equal(await File.ReadAllTextAsync(Path.Combine(WebRoot, "js", "state.js")), await reader.ReadToEndAsync());

        // An unchanged file is not sent again: its ETag answers 304.
        using var plain = await client.GetAsync("/js/state.js");
        var etag = plain.Headers.ETag;
        Assert.NotNull(etag);
        using var again = new HttpRequestMessage(HttpMethod.Get, "/js/state.js");
        again.Headers.IfNoneMatch.Add(etag);
        Assert.Equal(HttpStatusCode.NotModified, (await client.SendAsync(again)).StatusCode);

        // The build's endpoint list names each file's fingerprinted route: it answers the same file, and is declared
        // immutable (a published server sends that; a build's server says no-cache, as it serves edits at once).
        using var endpoints = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "DeepWorkMap.Server.staticwebassets.endpoints.json")));
        var fingerprinted = endpoints.RootElement.GetProperty("Endpoints").EnumerateArray()
            .First(endpoint => Regex.IsMatch(endpoint.GetProperty("Route").GetString()!, @"^app\.[a-z0-9]+\.css$") && endpoint.GetProperty("Selectors").GetArrayLength() == 0);
        var cacheControl = fingerprinted.GetProperty("ResponseHeaders").EnumerateArray().First(header => header.GetProperty("Name").GetString() == "Cache-Control");
        Assert.Contains("immutable", cacheControl.GetProperty("Value").GetString(), StringComparison.Ordinal);
        Assert.Equal(await client.GetStringAsync("/app.css"), await client.GetStringAsync("/" + fingerprinted.GetProperty("Route").GetString()));
    }

    /// <summary>
    /// The page names its modules by their fingerprinted copies (and maps each module's plain name to its copy for the
    /// modules' own imports), so a new release's page never loads a module cached from the last one; the copies are the
    /// same files, declared immutable, with ETags; the page itself is revalidated (no-cache, ETag, 304) and its policy
    /// admits the import map by its hash alone.
    /// </summary>
    [Fact]
    public async Task The_pages_modules_are_named_by_fingerprint_and_cached_for_good_while_the_page_is_revalidated()
    {
        using var client = fixture.Server.CreateClient();
        using var answer = await client.GetAsync("/");
        var page = await answer.Content.ReadAsStringAsync();
        var modules = Directory.GetFiles(Path.Combine(WebRoot, "js"), "*.js").Select(file => $"/js/{Path.GetFileName(file)}").ToList();

        var importMap = Regex.Match(page, "<script type=\"importmap\">(.*?)</script>", RegexOptions.Singleline).Groups[1].Value;
        using var map = JsonDocument.Parse(importMap);
        var imports = map.RootElement.GetProperty("imports").EnumerateObject().ToDictionary(entry => entry.Name, entry => entry.Value.GetString()!);
        Assert.Equal(modules.Order(StringComparer.Ordinal), imports.Keys.Order(StringComparer.Ordinal));
        Assert.True(page.IndexOf("importmap", StringComparison.Ordinal) < page.IndexOf("type=\"module\"", StringComparison.Ordinal), "the import map comes before the modules");

        // Every module address in the page is a fingerprinted copy; none is a plain name.
        var named = Regex.Matches(page, "(?:src|href)=\"(/js/[^\"]+)\"").Select(match => match.Groups[1].Value).ToList();
        Assert.True(named.Count >= 25, $"the page names its modules: {named.Count}");
        Assert.All(named, address => Assert.Matches(@"^/js/[a-z0-9-]+\.[a-z0-9]{6,}\.js$", address));
        Assert.Contains(imports["/js/main.js"], named);

        var endpoints = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "DeepWorkMap.Server.staticwebassets.endpoints.json"));
        using var listed = JsonDocument.Parse(endpoints);
        foreach (var (plain, copy) in imports)
        {
            Assert.NotEqual(plain, copy);
            using var served = await client.GetAsync(copy);
            Assert.Equal(HttpStatusCode.OK, served.StatusCode);
            Assert.Equal(await client.GetStringAsync(plain), await served.Content.ReadAsStringAsync());
            Assert.NotNull(served.Headers.ETag);
            // Declared immutable for a year (a published server sends that; a build's server says no-cache, as it serves edits at once).
            var declared = listed.RootElement.GetProperty("Endpoints").EnumerateArray()
                .First(endpoint => "/" + endpoint.GetProperty("Route").GetString() == copy && endpoint.GetProperty("Selectors").GetArrayLength() == 0);
            var cacheControl = declared.GetProperty("ResponseHeaders").EnumerateArray().First(header => header.GetProperty("Name").GetString() == "Cache-Control");
            Assert.Equal("max-age=31536000, immutable", cacheControl.GetProperty("Value").GetString());
        }

        // The page is asked again each time (it names the release), cheaply: 304 while it is the same.
        Assert.True(answer.Headers.CacheControl?.NoCache == true, "the page is revalidated");
        var etag = answer.Headers.ETag;
        Assert.NotNull(etag);
        using var again = new HttpRequestMessage(HttpMethod.Get, "/");
        again.Headers.IfNoneMatch.Add(etag);
        Assert.Equal(HttpStatusCode.NotModified, (await client.SendAsync(again)).StatusCode);
        using var compressed = new HttpRequestMessage(HttpMethod.Get, "/");
        compressed.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue("gzip"));
        using var zipped = await client.SendAsync(compressed);
        Assert.Equal("gzip", Assert.Single(zipped.Content.Headers.ContentEncoding));
        // Uptime checks and link previews ask with HEAD: the page answers it as it answers GET.
        using var head = await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, "/"));
        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        Assert.Equal(etag, head.Headers.ETag);

        // The one inline script allowed is the import map, by its hash.
        var policy = string.Join(";", answer.Headers.GetValues("Content-Security-Policy"));
        var hash = Convert.ToBase64String(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(importMap)));
        Assert.Contains($"script-src 'self' 'sha256-{hash}';", policy);
        Assert.DoesNotContain("unsafe-inline", policy.Split(';').Single(part => part.Trim().StartsWith("script-src", StringComparison.Ordinal)));
    }

    [Fact]
    public void The_vendored_libraries_are_exactly_the_locked_npm_packages()
    {
        var vendor = Path.Combine(WebRoot, "vendor");
        var modules = Path.Combine(RepositoryRoot.Path, "node_modules");
        var pairs = new Dictionary<string, string>
        {
            ["leaflet/leaflet.js"] = "leaflet/dist/leaflet.js",
            ["leaflet/leaflet.css"] = "leaflet/dist/leaflet.css",
            ["signalr/signalr.min.js"] = "@microsoft/signalr/dist/browser/signalr.min.js",
            ["topojson/topojson-client.min.js"] = "topojson-client/dist/topojson-client.min.js",
            ["world-atlas/land-110m.json"] = "world-atlas/land-110m.json",
            ["chartjs/chart.umd.min.js"] = "chart.js/dist/chart.umd.min.js",
        };
        foreach (var (served, installed) in pairs)
            Assert.True(File.ReadAllBytes(Path.Combine(vendor, served)).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(modules, installed))),
                $"{served} differs from node_modules/{installed}: run scripts/vendor-web.sh");
    }

    /// <summary>The page's modules type-check from their JSDoc against the contract's shapes (tsconfig.json, Web/contract.d.ts).</summary>
    [Fact]
    public async Task The_pages_modules_type_check()
    {
        var (exitCode, output, errors) = await NodeScript.RunAsync("node_modules/typescript/bin/tsc", TimeSpan.FromMinutes(2), "-p", "tsconfig.json");
        Assert.True(exitCode == 0, output + errors);
    }

    /// <summary>A newcomer finds one feature per module, each short enough to read whole.</summary>
    [Fact]
    public void Each_module_of_the_page_stays_under_300_lines()
    {
        foreach (var file in Directory.GetFiles(Path.Combine(WebRoot, "js"), "*.js"))
            Assert.True(File.ReadLines(file).Count() <= 300, $"{Path.GetFileName(file)} has {File.ReadLines(file).Count()} lines: split it by feature");
    }

    /// <summary>
    /// The service worker keeps every file the page needs to open offline, and nothing that is not there; the modules it
    /// keeps are those the page's import map names (installable.mjs opens the page offline).
    /// </summary>
    [Fact]
    public void The_service_worker_keeps_the_whole_app_shell()
    {
        var worker = File.ReadAllText(Path.Combine(WebRoot, "sw.js"));
        var shell = Regex.Matches(worker[worker.IndexOf("const SHELL", StringComparison.Ordinal)..worker.IndexOf("];", StringComparison.Ordinal)], "'(/[^']*)'")
            .Select(match => match.Groups[1].Value).ToHashSet();
        foreach (var path in shell.Where(path => path is not "/" and not "/app-config.json"))
            Assert.True(File.Exists(Path.Combine(WebRoot, path.TrimStart('/'))), $"{path} is in the shell but not in wwwroot");
        var page = File.ReadAllText(Path.Combine(WebRoot, "index.html"));
        foreach (Match reference in Regex.Matches(page, "(?:src|href)=\"(/[^\"]+)\"").Where(reference => !reference.Groups[1].Value.StartsWith("/js/", StringComparison.Ordinal)))
            Assert.Contains(reference.Groups[1].Value, shell);
    }

    [Fact]
    public async Task The_manifest_is_valid_json_with_icons_that_exist()
    {
        using var client = fixture.Server.CreateClient();
        using var manifest = JsonDocument.Parse(await client.GetStringAsync("/manifest.webmanifest"));
        var icons = manifest.RootElement.GetProperty("icons").EnumerateArray().Select(icon => icon.GetProperty("src").GetString()!).ToList();
        Assert.NotEmpty(icons);
        foreach (var icon in icons) Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(icon)).StatusCode);
    }
}

/// <summary>Sessions people can rely on, in Chromium (tests/js/reliable-sessions.mjs), on a server of its own so its sessions stay off the other page test's map.</summary>
public sealed class ReliableSessionsPageTests(DefaultServerFixture fixture) : IClassFixture<DefaultServerFixture>
{
    [Fact]
    public async Task Waitlist_check_in_edit_weekly_series_and_cancel_work_for_three_people_in_real_browsers()
    {
        await BrowserScript.RunAsync(fixture.Server, "tests/js/reliable-sessions.mjs", "reliable-");
    }
}

/// <summary>Notifications, preferences, follows, saved sessions and calendars in Chromium (tests/js/notifications.mjs), on a server of its own.</summary>
public sealed class NotificationsPageTests(DefaultServerFixture fixture) : IClassFixture<DefaultServerFixture>
{
    [Fact]
    public async Task The_bell_preferences_follows_saves_calendars_and_browser_notifications_work_in_real_browsers()
    {
        await BrowserScript.RunAsync(fixture.Server, "tests/js/notifications.mjs", "notifications-");
    }
}

/// <summary>The focus room in Chromium (tests/js/focus-room.mjs), on a server of its own.</summary>
public sealed class FocusRoomPageTests(QuickAwayServerFixture fixture) : IClassFixture<QuickAwayServerFixture>
{
    [Fact]
    public async Task Two_people_see_one_timer_and_each_others_goals_in_real_browsers()
    {
        await BrowserScript.RunAsync(fixture.Server, "tests/js/focus-room.mjs", "focus-");
    }
}

/// <summary>Focus stats in Chromium (tests/js/focus-stats.mjs): a real minute of presence, the 30-day chart, the leaderboard, hiding.</summary>
public sealed class FocusStatsPageTests(DefaultServerFixture fixture) : IClassFixture<DefaultServerFixture>
{
    [Fact]
    public async Task A_minute_present_in_a_session_shows_in_the_chart_and_on_a_followers_leaderboard_until_hidden()
    {
        await BrowserScript.RunAsync(fixture.Server, "tests/js/focus-stats.mjs", "stats-");
    }
}

/// <summary>The map's view in Chromium (tests/js/map-view.mjs): the sessions on screen up close, counted clusters farther out.</summary>
public sealed class MapViewPageTests(DefaultServerFixture fixture) : IClassFixture<DefaultServerFixture>
{
    [Fact]
    public async Task The_map_lists_what_is_on_screen_and_clusters_it_when_far_out()
    {
        await BrowserScript.RunAsync(fixture.Server, "tests/js/map-view.mjs", "map-");
    }
}

/// <summary>
/// Pushes applied, not re-fetched (tests/js/live-requests.mjs): 20 pages watching a session, a 21st person joining, then
/// presence, a leave, a seat from the waitlist, a new place in line and a cancellation, with two people waiting.
/// </summary>
public sealed class LiveRequestsPageTests(DefaultServerFixture fixture) : IClassFixture<DefaultServerFixture>
{
    [Fact]
    public async Task A_join_costs_the_joiner_one_request_and_no_watching_or_waiting_page_asks_again_for_anything_pushed()
    {
        await BrowserScript.RunAsync(fixture.Server, "tests/js/live-requests.mjs", "live-");
    }
}

/// <summary>Light, installable and offline (tests/js/installable.mjs): first-load weight, manifest, service worker.</summary>
public sealed class InstallablePageTests(DefaultServerFixture fixture) : IClassFixture<DefaultServerFixture>
{
    [Fact]
    public async Task The_first_visit_is_light_and_the_page_opens_offline_saying_so()
    {
        await BrowserScript.RunAsync(fixture.Server, "tests/js/installable.mjs", "install-");
    }
}

/// <summary>An embedded server that mails the suite's smtp4dev (links from its own address, so a browser can follow them) and requires verified addresses.</summary>
public sealed class MailingPageServerFixture : IAsyncLifetime
{
    public RunningServer Server { get; private set; } = null!;

    public async Task InitializeAsync() => Server = await RunningServer.StartAsync(RunningServer.WithMail([], Smtp4Dev.Shared()));

    public async Task DisposeAsync() => await Server.DisposeAsync();
}

/// <summary>
/// Verification, password reset (tests/js/account-email.mjs) and notification mail (tests/js/notification-mail.mjs) in
/// Chromium, following the links of real mail.
/// </summary>
public sealed class AccountEmailPageTests(MailingPageServerFixture fixture) : IClassFixture<MailingPageServerFixture>
{
    [Fact]
    public async Task Sign_up_is_confirmed_and_a_forgotten_password_reset_by_following_the_mailed_links()
    {
        await BrowserScript.RunAsync(fixture.Server, "tests/js/account-email.mjs", "email-");
    }

    [Fact]
    public async Task Chosen_kinds_are_mailed_in_the_readers_zone_and_the_mailed_link_stops_one_kind_after_asking()
    {
        await BrowserScript.RunAsync(fixture.Server, "tests/js/notification-mail.mjs", "notification-mail-");
    }
}

/// <summary>
/// Chat edits, deletions and unread counts in the page (tests/js/chat-edits.mjs): an unread badge that clears once read, a
/// host editing and deleting (confirmed) on a desktop, and a guest's phone showing both live with no HTTP request.
/// </summary>
public sealed class ChatEditsPageTests(DefaultServerFixture fixture) : IClassFixture<DefaultServerFixture>
{
    [Fact]
    public async Task A_guest_sees_unread_counts_clear_and_the_hosts_edit_and_deletion_arrive_live_without_asking()
    {
        await BrowserScript.RunAsync(fixture.Server, "tests/js/chat-edits.mjs", "chat-edits-");
    }
}

/// <summary>
/// A shared link's first view (tests/js/shared-link.mjs): it opens as the session's sheet, with no layout shift, its panel
/// the largest paint, and a link that cannot be opened falls back to the list.
/// </summary>
public sealed class SharedLinkPageTests(DefaultServerFixture fixture) : IClassFixture<DefaultServerFixture>
{
    [Fact]
    public async Task A_shared_link_opens_as_the_sessions_sheet_without_a_jump_and_its_panel_is_the_largest_paint()
    {
        await BrowserScript.RunAsync(fixture.Server, "tests/js/shared-link.mjs", "shared-link-");
    }
}

/// <summary>"My sessions" with unread counts (tests/js/my-sessions.mjs), wherever the sessions are, on a phone and a desktop.</summary>
public sealed class MySessionsPageTests(DefaultServerFixture fixture) : IClassFixture<DefaultServerFixture>
{
    [Fact]
    public async Task My_sessions_lists_the_guests_sessions_far_and_private_with_unread_counts_and_opens_the_chosen_one()
    {
        await BrowserScript.RunAsync(fixture.Server, "tests/js/my-sessions.mjs", "my-sessions-");
    }
}

/// <summary>
/// Large text (tests/js/large-text.mjs): with the browser's text size at 200%, the page takes it, the Menu button stays on
/// a phone's screen and signing up works, and the map's notes and "Near me" never cover one another.
/// </summary>
public sealed class LargeTextPageTests(DefaultServerFixture fixture) : IClassFixture<DefaultServerFixture>
{
    [Fact]
    public async Task At_200_percent_text_the_menu_stays_reachable_and_the_maps_notes_stay_apart_on_a_phone_and_a_desktop()
    {
        await BrowserScript.RunAsync(fixture.Server, "tests/js/large-text.mjs", "large-text-");
    }
}

/// <summary>
/// The page from the keyboard (tests/js/keyboard.mjs): the focus is never lost after an action hides its control, pushed
/// lists keep the focused row and add only what is new, a refused sign-up marks its fields, and the timer says its changes.
/// </summary>
public sealed class KeyboardPageTests(DefaultServerFixture fixture) : IClassFixture<DefaultServerFixture>
{
    [Fact]
    public async Task A_keyboard_user_keeps_the_focus_through_joining_chatting_the_timer_leaving_and_signing_out()
    {
        await BrowserScript.RunAsync(fixture.Server, "tests/js/keyboard.mjs", "keyboard-");
    }
}

/// <summary>
/// The host form (tests/js/host-form.mjs), on a phone and a desktop in two time zones: a weekly series ticks the start's
/// weekday, asks for a day before sending and says when its first session is, as the server then makes it; a half-filled
/// form survives a reload, and a form closed or hosted leaves no draft.
/// </summary>
public sealed class HostFormPageTests(DefaultServerFixture fixture) : IClassFixture<DefaultServerFixture>
{
    [Fact]
    public async Task The_host_form_asks_for_a_day_says_when_the_first_weekly_session_is_and_keeps_its_draft_through_a_reload()
    {
        await BrowserScript.RunAsync(fixture.Server, "tests/js/host-form.mjs", "host-form-");
    }
}
