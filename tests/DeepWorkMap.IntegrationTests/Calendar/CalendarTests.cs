using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DeepWorkMap.Contracts.Api;
using DeepWorkMap.IntegrationTests.Infrastructure;

namespace DeepWorkMap.IntegrationTests.Calendar;

/// <summary>Sessions as calendar events, read back by ical.js (an independent RFC 5545 parser), on PostgreSQL.</summary>
public sealed class CalendarTests(DurableServerFixture fixture) : IClassFixture<DurableServerFixture>
{
    private readonly RunningServer _server = fixture.Server;

    [Fact]
    public async Task A_session_event_keeps_its_uid_grows_its_sequence_shows_the_place_the_caller_may_see_and_ends_cancelled()
    {
        var (host, _) = await _server.SignUpAsync();
        var (guest, _) = await _server.SignUpAsync();
        var created = await host.PostAsJsonAsync("/api/sessions", new
        {
            title = "Linear algebra", subject = "Mathematics", sessionType = "silent", latitude = 52.52, longitude = 13.405,
            startTime = DateTimeOffset.UtcNow.AddHours(2), durationMinutes = 90, venueNote = "Room 2.14", description = "Eigenvalues",
        });
        var session = (await created.Content.ReadFromJsonAsync<SessionDto>())!;
        (await guest.PutAsJsonAsync("/api/me/preferences", new { reminderMinutes = 60, mutedKinds = Array.Empty<string>(), timeZone = "Europe/Berlin" })).EnsureSuccessStatusCode();

        var outsider = Single(await ParseAsync(_server.CreateClient(), $"/api/sessions/{session.Id}/calendar.ics"));
        Assert.Equal($"{session.Id}@deepworkmap", outsider.GetProperty("uid").GetString());
        Assert.Equal(("Linear algebra", 0, "CONFIRMED"), (outsider.GetProperty("summary").GetString(), outsider.GetProperty("sequence").GetInt32(), outsider.GetProperty("status").GetString()));
        // iCalendar times have whole seconds.
        Assert.Equal(Seconds(session.StartTime), DateTimeOffset.Parse(outsider.GetProperty("start").GetString()!));
        Assert.Equal(Seconds(session.EndTime), DateTimeOffset.Parse(outsider.GetProperty("end").GetString()!));
        Assert.True(outsider.GetProperty("startIsUtc").GetBoolean(), "times are in UTC");
        Assert.Contains("join to see the exact place", outsider.GetProperty("location").GetString());
        Assert.StartsWith(FormattableString.Invariant($"Within about 550 m of {session.Latitude:F5}, {session.Longitude:F5}"), outsider.GetProperty("location").GetString());
        Assert.DoesNotContain("Room 2.14", outsider.GetProperty("location").GetString());
        Assert.Contains("Eigenvalues", outsider.GetProperty("description").GetString());
        Assert.EndsWith($"/?session={session.Id}", outsider.GetProperty("url").GetString());
        Assert.Equal(["-PT15M"], Alarms(outsider));

        (await guest.PostAsync($"/api/sessions/{session.Id}/join", null)).EnsureSuccessStatusCode();
        var participant = Single(await ParseAsync(guest, $"/api/sessions/{session.Id}/calendar.ics"));
        Assert.Contains("Room 2.14", participant.GetProperty("location").GetString());
        Assert.Equal(["-PT60M"], Alarms(participant));

        (await host.PatchAsJsonAsync($"/api/sessions/{session.Id}", new { startTime = session.StartTime.AddMinutes(30) })).EnsureSuccessStatusCode();
        var moved = Single(await ParseAsync(guest, $"/api/sessions/{session.Id}/calendar.ics"));
        Assert.Equal((participant.GetProperty("uid").GetString(), 1), (moved.GetProperty("uid").GetString(), moved.GetProperty("sequence").GetInt32()));
        Assert.Equal(Seconds(session.StartTime.AddMinutes(30)), DateTimeOffset.Parse(moved.GetProperty("start").GetString()!));

        (await host.PostAsJsonAsync($"/api/sessions/{session.Id}/cancel", new { reason = "Exam moved" })).EnsureSuccessStatusCode();
        var cancelled = Single(await ParseAsync(guest, $"/api/sessions/{session.Id}/calendar.ics"));
        Assert.Equal(("CANCELLED", 2), (cancelled.GetProperty("status").GetString(), cancelled.GetProperty("sequence").GetInt32()));
        Assert.Empty(Alarms(cancelled));
    }

    [Fact]
    public async Task The_personal_feed_holds_what_the_user_hosts_and_joined_and_rotating_its_secret_closes_the_old_address()
    {
        var (user, _) = await _server.SignUpAsync();
        var (other, _) = await _server.SignUpAsync();
        var hosted = await RunningServer.CreateSessionAsync(user);
        var joined = await RunningServer.CreateSessionAsync(other, startInMinutes: 60);
        var notMine = await RunningServer.CreateSessionAsync(other, startInMinutes: 90);
        (await user.PostAsync($"/api/sessions/{joined.Id}/join", null)).EnsureSuccessStatusCode();

        var me = (await user.GetFromJsonAsync<MeDto>("/api/me"))!;
        var feed = new Uri(me.CalendarFeedUrl!);
        Assert.Equal(me.CalendarFeedUrl, (await user.GetFromJsonAsync<MeDto>("/api/me"))!.CalendarFeedUrl);
        using var calendarApp = _server.CreateClient(); // no token: the address is the key
        await Eventually.HoldsAsync(async () => (await ParseAsync(calendarApp, feed.PathAndQuery)).GetProperty("events").GetArrayLength() == 2,
            TimeSpan.FromSeconds(10), "both sessions in the feed");
        var uids = (await ParseAsync(calendarApp, feed.PathAndQuery)).GetProperty("events").EnumerateArray().Select(e => e.GetProperty("uid").GetString()).ToHashSet();
        Assert.Equal(new HashSet<string?> { $"{hosted.Id}@deepworkmap", $"{joined.Id}@deepworkmap" }, uids);
        Assert.DoesNotContain($"{notMine.Id}@deepworkmap", uids);

        var rotated = (await (await user.PostAsync("/api/me/calendar-feed/rotate", null)).Content.ReadFromJsonAsync<CalendarFeedDto>())!;
        Assert.NotEqual(me.CalendarFeedUrl, rotated.Url);
        await Problem.ExpectAsync(await calendarApp.GetAsync(feed.PathAndQuery), HttpStatusCode.NotFound, "not_found");
        Assert.Equal(HttpStatusCode.OK, (await calendarApp.GetAsync(new Uri(rotated.Url).PathAndQuery)).StatusCode);
        await Problem.ExpectAsync(await calendarApp.GetAsync("/api/calendar/not-a-token.ics"), HttpStatusCode.NotFound, "not_found");
    }

    /// <summary>The feed's address is a key that outlives sign-outs, but not the account: once closed, it answers as an unknown one.</summary>
    [Fact]
    public async Task A_closed_accounts_feed_answers_not_found()
    {
        const string password = "correct horse battery"; // SignUpAsync's
        var (host, _) = await _server.SignUpAsync();
        var (user, _) = await _server.SignUpAsync();
        var session = await RunningServer.CreateSessionAsync(host, startInMinutes: 60);
        (await user.PostAsync($"/api/sessions/{session.Id}/join", null)).EnsureSuccessStatusCode();
        var feed = new Uri((await user.GetFromJsonAsync<MeDto>("/api/me"))!.CalendarFeedUrl!).PathAndQuery;
        using var calendarApp = _server.CreateClient();
        await Eventually.HoldsAsync(async () => (await ParseAsync(calendarApp, feed)).GetProperty("events").GetArrayLength() == 1,
            TimeSpan.FromSeconds(10), "the joined session in the feed");

        using var closing = new HttpRequestMessage(HttpMethod.Delete, "/api/me") { Content = JsonContent.Create(new { password }) };
        Assert.Equal(HttpStatusCode.NoContent, (await user.SendAsync(closing)).StatusCode);
        await Problem.ExpectAsync(await calendarApp.GetAsync(feed), HttpStatusCode.NotFound, "not_found");
    }

    private static DateTimeOffset Seconds(DateTimeOffset time) => new(time.Ticks - time.Ticks % TimeSpan.TicksPerSecond, time.Offset);

    private static JsonElement Single(JsonElement calendar) => Assert.Single(calendar.GetProperty("events").EnumerateArray().ToList());

    private static string[] Alarms(JsonElement e) => e.GetProperty("alarms").EnumerateArray().Select(a => a.GetString()!).ToArray();

    /// <summary>Fetches an .ics and reads it with ical.js.</summary>
    private static async Task<JsonElement> ParseAsync(HttpClient client, string path)
    {
        var response = await client.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/calendar", response.Content.Headers.ContentType!.MediaType);
        var file = Path.GetTempFileName();
        try
        {
            await File.WriteAllTextAsync(file, await response.Content.ReadAsStringAsync());
            var (exitCode, output, errors) = await NodeScript.RunAsync("tests/js/ics-parse.mjs", TimeSpan.FromSeconds(30), file);
            Assert.True(exitCode == 0, output + errors);
            return JsonDocument.Parse(output).RootElement;
        }
        finally
        {
            File.Delete(file);
        }
    }
}
