using System.Net;
using System.Net.Http.Json;
using System.Text;
using DeepWorkMap.Contracts.Api;
using DeepWorkMap.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace DeepWorkMap.IntegrationTests.Operations;

/// <summary>
/// Input that once got a 500 or a 503 (a day before the calendar's first, a lone surrogate, a NUL PostgreSQL cannot
/// store), and names and one-line fields that showed nothing or broke over lines: each a 400 naming the field, on PostgreSQL.
/// </summary>
public sealed class BadInputTests(DurableServerFixture fixture) : IClassFixture<DurableServerFixture>
{
    private readonly RunningServer _server = fixture.Server;

    private static StringContent Json(string raw) => new(raw, Encoding.UTF8, "application/json");

    [Theory]
    [InlineData("to=0001-01-01", "to")]
    [InlineData("from=0001-01-01&to=1970-01-20", "from")]
    [InlineData("to=9999-12-31", "to")]
    [InlineData("from=1969-12-31&to=1970-01-05", "from")]
    public async Task Days_outside_the_calendar_the_stats_can_count_are_400(string query, string field)
    {
        var (user, _) = await _server.SignUpAsync();
        var problem = await Problem.ExpectAsync(await user.GetAsync($"/api/me/stats?{query}"), HttpStatusCode.BadRequest, "validation_failed");
        Assert.Equal([field], problem.Errors.Keys);
        Assert.Equal(HttpStatusCode.OK, (await user.GetAsync("/api/me/stats?from=1970-01-01&to=1970-01-31")).StatusCode);
        // The default range counts back from "to", but not past the first day.
        var early = (await user.GetFromJsonAsync<FocusStatsDto>("/api/me/stats?to=1970-01-05"))!;
        Assert.Equal((new DateOnly(1970, 1, 1), 5), (early.From, early.Days.Count));
    }

    [Theory]
    [InlineData("""{"displayName":"\ud800"}""", "displayName")]
    [InlineData("""{"avatarUrl":"https://example.com/\udc00.png"}""", "avatarUrl")]
    [InlineData("""{"avatarUrl":"https://example.com/a\u0000.png"}""", "avatarUrl")]
    public async Task A_profile_change_with_a_lone_surrogate_or_a_nul_is_400_and_changes_nothing(string body, string field)
    {
        var (user, auth) = await _server.SignUpAsync();
        var problem = await Problem.ExpectAsync(await user.PatchAsync("/api/me", Json(body)), HttpStatusCode.BadRequest, "validation_failed");
        Assert.Equal([field], problem.Errors.Keys);
        var me = (await user.GetFromJsonAsync<MeDto>("/api/me"))!;
        Assert.Equal((auth.User.DisplayName, (string?)null), (me.DisplayName, me.AvatarUrl));
    }

    [Fact]
    public async Task A_number_sent_as_a_string_is_400_and_makes_nothing()
    {
        var (host, _) = await _server.SignUpAsync();
        var start = DateTimeOffset.UtcNow.AddHours(2).ToString("O");
        var body = $$"""{"title":"Strings","subject":"Maths","sessionType":"silent","latitude":"10","longitude":10,"startTime":"{{start}}","durationMinutes":60}""";
        await Problem.ExpectAsync(await host.PostAsync("/api/sessions", Json(body)), HttpStatusCode.BadRequest, "validation_failed");
        Assert.Equal(HttpStatusCode.Created, (await host.PostAsync("/api/sessions", Json(body.Replace("\"10\"", "10", StringComparison.Ordinal)))).StatusCode);
    }

    [Fact]
    public async Task A_nul_in_the_login_is_400_naming_the_field()
    {
        var name = (await _server.SignUpAsync()).Auth.User.Username;
        using var client = _server.CreateClient();
        var problem = await Problem.ExpectAsync(await client.PostAsJsonAsync("/api/auth/login", new { login = name + "\u0000", password = "correct horse battery" }),
            HttpStatusCode.BadRequest, "validation_failed");
        Assert.Equal(["login"], problem.Errors.Keys);
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync("/api/auth/login", new { login = name, password = "correct horse battery" })).StatusCode);
    }

    [Fact]
    public async Task A_lone_surrogate_in_a_hub_argument_is_refused_with_a_code_and_the_connection_stays()
    {
        var (host, auth) = await _server.SignUpAsync();
        var session = await RunningServer.CreateSessionAsync(host);
        await using var hub = await _server.ConnectHubAsync(auth.Token);
        var content = await Assert.ThrowsAsync<HubException>(() => hub.InvokeAsync<MessageDto>("SendMessage", session.Id.ToString(), RawJson.LoneSurrogate));
        Assert.Contains("validation_failed: content", content.Message);
        var id = await Assert.ThrowsAsync<HubException>(() => hub.InvokeAsync<SubscribeResult>("SubscribeSession", RawJson.LoneSurrogate));
        Assert.Contains("validation_failed: sessionId", id.Message);
        var state = await Assert.ThrowsAsync<HubException>(() => hub.InvokeAsync("SetPresence", session.Id.ToString(), RawJson.LoneSurrogate));
        Assert.Contains("validation_failed: state", state.Message);
        Assert.Equal(HubConnectionState.Connected, hub.State);
        Assert.Equal("still here", (await hub.InvokeAsync<MessageDto>("SendMessage", session.Id.ToString(), "still here")).Content);
    }

    public static TheoryData<string> NamesWithoutALetterOrDigit => new()
    {
        "\u0301\u0301",               // combining acute accents on nothing
        "\uFE0F\uFE0F",               // variation selectors
        "\u17B4\u17B4",               // Khmer inherent vowels
        "\uFFFC",                     // the object replacement placeholder
        "\U000E0041\U000E0042",       // tag characters
        "\uE000\uF8FF",               // private use
        "\U000F0000",                 // supplementary private use
        "!!!",                        // punctuation only
        "\U0001F4DA",                 // a book, and nothing else
    };

    [Theory]
    [MemberData(nameof(NamesWithoutALetterOrDigit))]
    public async Task A_display_name_without_a_letter_or_digit_is_refused_at_sign_up_and_on_change(string name)
    {
        var (user, _) = await _server.SignUpAsync();
        var problem = await Problem.ExpectAsync(await user.PatchAsJsonAsync("/api/me", new { displayName = name }), HttpStatusCode.BadRequest, "validation_failed");
        Assert.Equal(["displayName"], problem.Errors.Keys);
        using var anonymous = _server.CreateClient();
        var username = $"n{Guid.NewGuid():N}"[..16];
        problem = await Problem.ExpectAsync(await anonymous.PostAsJsonAsync("/api/auth/register",
            new { email = $"{username}@example.com", username, displayName = name, password = "correct horse battery" }), HttpStatusCode.BadRequest, "validation_failed");
        Assert.Equal(["displayName"], problem.Errors.Keys);
    }

    [Theory]
    [InlineData("Zoe\u0308")]          // a letter with a combining mark
    [InlineData("\u674E\u534E")]       // Han
    [InlineData("\u0905\u092E\u093F\u0924")] // Devanagari, with a spacing vowel sign
    [InlineData("R2-D2 \U0001F916")]
    public async Task Names_in_any_script_with_a_letter_or_digit_are_accepted(string name)
    {
        var (user, _) = await _server.SignUpAsync();
        var me = (await (await user.PatchAsJsonAsync("/api/me", new { displayName = name })).Content.ReadFromJsonAsync<MeDto>())!;
        Assert.Equal(name, me.DisplayName);
    }

    [Theory]
    [InlineData("...")]
    [InlineData("_-_")]
    public async Task A_username_without_a_letter_or_digit_is_refused(string username)
    {
        using var anonymous = _server.CreateClient();
        var problem = await Problem.ExpectAsync(await anonymous.PostAsJsonAsync("/api/auth/register",
            new { email = $"u{Guid.NewGuid():N}"[..12] + "@example.com", username, displayName = "Dots", password = "correct horse battery" }),
            HttpStatusCode.BadRequest, "validation_failed");
        Assert.Equal(["username"], problem.Errors.Keys);
    }

    [Fact]
    public async Task Goals_and_names_are_one_line_while_messages_and_descriptions_keep_their_line_breaks()
    {
        var (host, _) = await _server.SignUpAsync();
        var session = await RunningServer.CreateSessionAsync(host);
        var goal = await Problem.ExpectAsync(await host.PutAsJsonAsync($"/api/sessions/{session.Id}/goal", new { text = "Read\u2029write" }),
            HttpStatusCode.BadRequest, "validation_failed");
        Assert.Equal(["text"], goal.Errors.Keys);
        var name = await Problem.ExpectAsync(await host.PatchAsJsonAsync("/api/me", new { displayName = "Ada\u2028Lovelace" }), HttpStatusCode.BadRequest, "validation_failed");
        Assert.Equal(["displayName"], name.Errors.Keys);

        var message = await host.PostAsJsonAsync($"/api/sessions/{session.Id}/messages", new { content = "one\u2028two\u2029three" });
        Assert.Equal(HttpStatusCode.Created, message.StatusCode);
        Assert.Equal("one\u2028two\u2029three", (await message.Content.ReadFromJsonAsync<MessageDto>())!.Content);
        var edited = await host.PatchAsJsonAsync($"/api/sessions/{session.Id}", new { description = "Chapter 1\u2029Chapter 2" });
        Assert.Equal("Chapter 1\u2029Chapter 2", (await edited.Content.ReadFromJsonAsync<SessionDto>())!.Description);
    }
}
