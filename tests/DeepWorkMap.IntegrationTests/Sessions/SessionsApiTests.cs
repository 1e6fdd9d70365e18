using System.Net;
using System.Net.Http.Json;
using System.Text;
using DeepWorkMap.Contracts.Api;
using DeepWorkMap.IntegrationTests.Infrastructure;

namespace DeepWorkMap.IntegrationTests.Sessions;

/// <summary>The "Study sessions" part of docs/api.md over real HTTP: every rule, default and error code.</summary>
public sealed class SessionsApiTests(ClockedServerFixture fixture) : IClassFixture<ClockedServerFixture>
{
    private readonly RunningServer _server = fixture.Server;

    private DateTimeOffset Now => fixture.Clock.GetUtcNow();

    private Dictionary<string, object?> ValidBody() => new()
    {
        ["title"] = "  Organic chemistry  ", ["subject"] = " Chemistry ", ["sessionType"] = "exam-prep",
        ["latitude"] = 48.8566, ["longitude"] = 2.3522, ["startTime"] = Now.AddMinutes(20).ToString("O"),
        ["durationMinutes"] = 60, ["maxParticipants"] = 3,
    };

    private async Task<SessionDto> CreateAsync(HttpClient host, Dictionary<string, object?>? body = null)
    {
        var response = await host.PostAsJsonAsync("/api/sessions", body ?? ValidBody());
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var session = (await response.Content.ReadFromJsonAsync<SessionDto>())!;
        Assert.Equal($"/api/sessions/{session.Id}", response.Headers.Location?.OriginalString);
        return session;
    }

    [Fact]
    public async Task Create_returns_the_session_with_its_host_as_first_participant()
    {
        var (host, auth) = await _server.SignUpAsync();
        var session = await CreateAsync(host);

        Assert.Equal("Organic chemistry", session.Title);
        Assert.Equal("Chemistry", session.Subject);
        Assert.Equal("exam-prep", session.SessionType);
        Assert.Equal("starting-soon", session.Status);
        Assert.Equal(1, session.CurrentParticipants);
        Assert.Equal(3, session.MaxParticipants);
        Assert.Equal(session.StartTime.AddMinutes(60), session.EndTime);
        Assert.Equal(auth.User, session.Host);

        var participants = (await host.GetFromJsonAsync<List<ParticipantDto>>($"/api/sessions/{session.Id}/participants"))!;
        Assert.Equal(auth.User, Assert.Single(participants).User);
        Assert.Equal("host", participants[0].Role);
        Assert.Equal(session, await host.GetFromJsonAsync<SessionDto>($"/api/sessions/{session.Id}"));
    }

    [Fact]
    public async Task Capacity_defaults_to_ten()
    {
        var (host, _) = await _server.SignUpAsync();
        var body = ValidBody();
        body.Remove("maxParticipants");
        Assert.Equal(10, (await CreateAsync(host, body)).MaxParticipants);
    }

    public static TheoryData<string, object?> InvalidFields() => new()
    {
        { "title", "   " }, { "title", new string('t', 201) }, { "title", null },
        { "subject", "" }, { "subject", new string('s', 101) },
        { "sessionType", "party" }, { "sessionType", "Silent" }, { "sessionType", null },
        { "latitude", 90.0001 }, { "latitude", -91 }, { "latitude", null },
        { "longitude", 180.5 }, { "longitude", -181 },
        { "startTime", "past" }, { "startTime", "far" }, { "startTime", null },
        { "durationMinutes", 0 }, { "durationMinutes", 721 }, { "durationMinutes", null },
        { "maxParticipants", 0 }, { "maxParticipants", 501 },
    };

    [Theory]
    [MemberData(nameof(InvalidFields))]
    public async Task Create_rejects_each_invalid_field(string field, object? value)
    {
        var (host, _) = await _server.SignUpAsync();
        var body = ValidBody();
        body[field] = value switch
        {
            "past" => Now.AddMinutes(-6).ToString("O"),
            "far" => Now.AddDays(30).AddMinutes(1).ToString("O"),
            _ => value,
        };
        var problem = await Problem.ExpectAsync(await host.PostAsJsonAsync("/api/sessions", body), HttpStatusCode.BadRequest, "validation_failed");
        Assert.Equal([field], problem.Errors.Keys);
    }

    [Theory]
    [InlineData(-90.0, -180.0)]
    [InlineData(90.0, 180.0)]
    [InlineData(0.0, 0.0)]
    public async Task Create_accepts_the_edges_of_the_world_and_of_the_time_window(double latitude, double longitude)
    {
        var (host, _) = await _server.SignUpAsync();
        var body = ValidBody();
        (body["latitude"], body["longitude"]) = (latitude, longitude);
        body["startTime"] = Now.AddMinutes(-4).ToString("O");
        body["durationMinutes"] = 720;
        body["maxParticipants"] = 500;
        var session = await CreateAsync(host, body);
        Assert.Equal("live", session.Status);
        Assert.Equal((latitude, longitude), (session.Venue!.Latitude, session.Venue.Longitude));
        Assert.InRange(session.Latitude, -90, 90);
        Assert.InRange(session.Longitude, -180, 180);
    }

    [Theory]
    [InlineData("{\"latitude\": \"north\"}", "latitude")]
    [InlineData("{\"startTime\": \"tomorrow\"}", "startTime")]
    [InlineData("{\"durationMinutes\": 1.5}", "durationMinutes")]
    public async Task Create_rejects_fields_of_the_wrong_type_with_400(string json, string field)
    {
        var (host, _) = await _server.SignUpAsync();
        var response = await host.PostAsync("/api/sessions", new StringContent(json, Encoding.UTF8, "application/json"));
        var problem = await Problem.ExpectAsync(response, HttpStatusCode.BadRequest, "validation_failed");
        Assert.Contains(field, problem.Errors.Keys);
    }

    [Fact]
    public async Task Changes_need_a_token_and_unknown_sessions_are_404()
    {
        var (host, _) = await _server.SignUpAsync();
        var session = await CreateAsync(host);
        using var anonymous = _server.CreateClient();
        await Problem.ExpectAsync(await anonymous.PostAsJsonAsync("/api/sessions", ValidBody()), HttpStatusCode.Unauthorized, "unauthorized");
        foreach (var action in new[] { "join", "leave", "end" })
            await Problem.ExpectAsync(await anonymous.PostAsync($"/api/sessions/{session.Id}/{action}", null), HttpStatusCode.Unauthorized, "unauthorized");

        var missing = Guid.NewGuid();
        await Problem.ExpectAsync(await host.GetAsync($"/api/sessions/{missing}"), HttpStatusCode.NotFound, "not_found");
        await Problem.ExpectAsync(await host.GetAsync($"/api/sessions/{missing}/participants"), HttpStatusCode.NotFound, "not_found");
        foreach (var action in new[] { "join", "leave", "end" })
            await Problem.ExpectAsync(await host.PostAsync($"/api/sessions/{missing}/{action}", null), HttpStatusCode.NotFound, "not_found");
        await Problem.ExpectAsync(await host.GetAsync("/api/sessions/not-a-uuid"), HttpStatusCode.NotFound, "not_found");
    }

    [Fact]
    public async Task Join_is_idempotent_full_sessions_refuse_and_leavers_may_return()
    {
        var (host, _) = await _server.SignUpAsync();
        var session = await CreateAsync(host); // capacity 3
        var (a, aAuth) = await _server.SignUpAsync();
        var (b, _) = await _server.SignUpAsync();
        var (c, _) = await _server.SignUpAsync();

        Assert.Equal(2, (await (await a.PostAsync($"/api/sessions/{session.Id}/join", null)).Content.ReadFromJsonAsync<SessionDto>())!.CurrentParticipants);
        var again = await a.PostAsync($"/api/sessions/{session.Id}/join", null);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(2, (await again.Content.ReadFromJsonAsync<SessionDto>())!.CurrentParticipants);
        Assert.Equal(3, (await (await b.PostAsync($"/api/sessions/{session.Id}/join", null)).Content.ReadFromJsonAsync<SessionDto>())!.CurrentParticipants);
        await Problem.ExpectAsync(await c.PostAsync($"/api/sessions/{session.Id}/join", null), HttpStatusCode.Conflict, "session_full");

        var participants = (await host.GetFromJsonAsync<List<ParticipantDto>>($"/api/sessions/{session.Id}/participants"))!;
        Assert.Equal(["host", "participant", "participant"], participants.Select(p => p.Role));
        Assert.Equal(aAuth.User, participants[1].User);

        Assert.Equal(2, (await (await a.PostAsync($"/api/sessions/{session.Id}/leave", null)).Content.ReadFromJsonAsync<SessionDto>())!.CurrentParticipants);
        Assert.Equal(HttpStatusCode.OK, (await a.PostAsync($"/api/sessions/{session.Id}/leave", null)).StatusCode);
        Assert.Equal(3, (await (await c.PostAsync($"/api/sessions/{session.Id}/join", null)).Content.ReadFromJsonAsync<SessionDto>())!.CurrentParticipants);
        await Problem.ExpectAsync(await a.PostAsync($"/api/sessions/{session.Id}/join", null), HttpStatusCode.Conflict, "session_full");
    }

    [Fact]
    public async Task The_host_cannot_leave_and_only_the_host_ends()
    {
        var (host, _) = await _server.SignUpAsync();
        var session = await CreateAsync(host);
        var (guest, _) = await _server.SignUpAsync();
        await guest.PostAsync($"/api/sessions/{session.Id}/join", null);

        await Problem.ExpectAsync(await host.PostAsync($"/api/sessions/{session.Id}/leave", null), HttpStatusCode.Conflict, "host_cannot_leave");
        await Problem.ExpectAsync(await guest.PostAsync($"/api/sessions/{session.Id}/end", null), HttpStatusCode.Forbidden, "not_host");

        var ended = (await (await host.PostAsync($"/api/sessions/{session.Id}/end", null)).Content.ReadFromJsonAsync<SessionDto>())!;
        Assert.Equal("finished", ended.Status);
        Assert.Equal(2, ended.CurrentParticipants);
        Assert.True(ended.EndTime <= Now);

        var (late, _) = await _server.SignUpAsync();
        await Problem.ExpectAsync(await late.PostAsync($"/api/sessions/{session.Id}/join", null), HttpStatusCode.Conflict, "session_finished");
        Assert.Equal(2, (await host.GetFromJsonAsync<List<ParticipantDto>>($"/api/sessions/{session.Id}/participants"))!.Count);
        Assert.Equal("finished", (await (await host.PostAsync($"/api/sessions/{session.Id}/end", null)).Content.ReadFromJsonAsync<SessionDto>())!.Status);
    }

    [Fact]
    public async Task Status_moves_by_the_clock_and_finished_sessions_keep_their_data()
    {
        var (host, _) = await _server.SignUpAsync();
        var session = await CreateAsync(host); // starts in 20 min, lasts 60
        var (guest, _) = await _server.SignUpAsync();
        await guest.PostAsync($"/api/sessions/{session.Id}/join", null);

        async Task<string> StatusAsync() => (await host.GetFromJsonAsync<SessionDto>($"/api/sessions/{session.Id}"))!.Status;
        Assert.Equal("starting-soon", await StatusAsync());

        fixture.Clock.Advance(session.StartTime - Now);
        Assert.Equal("live", await StatusAsync());

        fixture.Clock.Advance(TimeSpan.FromMinutes(60) - TimeSpan.FromSeconds(1));
        Assert.Equal("live", await StatusAsync());
        fixture.Clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal("finished", await StatusAsync());

        var (late, _) = await _server.SignUpAsync();
        await Problem.ExpectAsync(await late.PostAsync($"/api/sessions/{session.Id}/join", null), HttpStatusCode.Conflict, "session_finished");
        Assert.Equal(2, (await host.GetFromJsonAsync<List<ParticipantDto>>($"/api/sessions/{session.Id}/participants"))!.Count);
    }
}
