using System.Net;
using System.Net.Http.Json;
using System.Security.Claims;
using System.Text;
using DeepWorkMap.Contracts.Api;
using DeepWorkMap.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace DeepWorkMap.IntegrationTests.Operations;

/// <summary>The holes a probe found, each tried again against a cluster-mode server on PostgreSQL.</summary>
public sealed class HardeningTests(DurableServerFixture fixture) : IClassFixture<DurableServerFixture>
{
    private readonly RunningServer _server = fixture.Server;

    private static string Token(Guid userId, DateTime? expires)
    {
        var handler = new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false };
        return handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = "deepwork-map", Audience = "deepwork-map", Expires = expires,
            Subject = new ClaimsIdentity([new Claim("sub", userId.ToString())]),
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(TestEnvironment.JwtKey)), SecurityAlgorithms.HmacSha256),
        });
    }

    [Fact]
    public async Task A_signed_token_without_an_expiry_or_expiring_beyond_the_lifetime_is_refused()
    {
        var (_, auth) = await _server.SignUpAsync();
        using var valid = _server.CreateClient(Token(auth.User.Id, DateTime.UtcNow.AddHours(1)));
        Assert.Equal(HttpStatusCode.OK, (await valid.GetAsync("/api/me")).StatusCode);
        foreach (var expires in new DateTime?[] { null, new DateTime(9999, 1, 1, 0, 0, 0, DateTimeKind.Utc), DateTime.UtcNow.AddDays(30) })
        {
            using var forged = _server.CreateClient(Token(auth.User.Id, expires));
            await Problem.ExpectAsync(await forged.GetAsync("/api/me"), HttpStatusCode.Unauthorized, "unauthorized");
        }
    }

    [Fact]
    public async Task A_hub_connection_is_closed_when_its_token_expires()
    {
        var (_, auth) = await _server.SignUpAsync();
        var closed = new TaskCompletionSource();
        await using var hub = await _server.ConnectHubAsync(Token(auth.User.Id, DateTime.UtcNow.AddSeconds(4)));
        hub.Closed += _ => { closed.TrySetResult(); return Task.CompletedTask; };
        await hub.InvokeAsync<ItemsDto<SessionDto>>("WatchArea", 1.0, 1.0, 5.0);

        await closed.Task.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(HubConnectionState.Disconnected, hub.State);
    }

    [Fact]
    public async Task Hub_arguments_of_the_wrong_type_are_refused_with_a_code()
    {
        var (_, auth) = await _server.SignUpAsync();
        await using var hub = await _server.ConnectHubAsync(auth.Token);
        var wrongLatitude = await Assert.ThrowsAsync<HubException>(() => hub.InvokeAsync<ItemsDto<SessionDto>>("WatchArea", "north", 1.0, 5.0));
        Assert.Contains("validation_failed: lat", wrongLatitude.Message);
        var wrongId = await Assert.ThrowsAsync<HubException>(() => hub.InvokeAsync<MessageDto>("SendMessage", 123, "hello"));
        Assert.Contains("validation_failed: sessionId", wrongId.Message);
        var wrongContent = await Assert.ThrowsAsync<HubException>(() => hub.InvokeAsync<MessageDto>("SendMessage", Guid.NewGuid().ToString(), new[] { 1, 2 }));
        Assert.Contains("validation_failed: content", wrongContent.Message);
        Assert.Equal(HubConnectionState.Connected, hub.State);
    }

    [Theory]
    [InlineData("title", "Linear\u0000algebra")]
    [InlineData("title", "\u200B\u200B")]
    [InlineData("subject", "Math\u202Es")]
    [InlineData("title", "Linear\u2028algebra")]          // a line separator in a one-line field
    [InlineData("subject", "Math\u2029s")]                // a paragraph separator
    [InlineData("venueNote", "Room 4\u2028second floor")]
    [InlineData("title", "\uFFFC")]                       // a placeholder, and nothing else
    public async Task Control_invisible_and_bidi_text_in_a_session_is_refused_before_anything_is_stored(string field, string value)
    {
        var (host, _) = await _server.SignUpAsync();
        var body = new Dictionary<string, object?>
        {
            ["title"] = "Linear algebra", ["subject"] = "Math", ["sessionType"] = "silent", ["latitude"] = 1.0, ["longitude"] = 1.0,
            ["startTime"] = DateTimeOffset.UtcNow.AddMinutes(30).ToString("O"), ["durationMinutes"] = 60,
        };
        body[field] = value;
        var before = await fixture.Database.ScalarAsync<long>("SELECT count(*) FROM study_sessions");
        var problem = await Problem.ExpectAsync(await host.PostAsJsonAsync("/api/sessions", body), HttpStatusCode.BadRequest, "validation_failed");
        Assert.Equal([field], problem.Errors.Keys);
        Assert.Equal(before, await fixture.Database.ScalarAsync<long>("SELECT count(*) FROM study_sessions"));
    }

    [Fact]
    public async Task Control_characters_in_chat_and_invisible_display_names_are_400_with_a_code()
    {
        var (host, _) = await _server.SignUpAsync();
        var session = await RunningServer.CreateSessionAsync(host);
        await Problem.ExpectAsync(await host.PostAsJsonAsync($"/api/sessions/{session.Id}/messages", new { content = "hi\u0000" }), HttpStatusCode.BadRequest, "validation_failed");
        (await host.PostAsJsonAsync($"/api/sessions/{session.Id}/messages", new { content = "line one\nline two" })).EnsureSuccessStatusCode();
        await Problem.ExpectAsync(await host.PatchAsJsonAsync("/api/me", new { displayName = "\u200B\u2060" }), HttpStatusCode.BadRequest, "validation_failed");
        await Problem.ExpectAsync(await host.PatchAsJsonAsync("/api/me", new { displayName = "Ada\u0000" }), HttpStatusCode.BadRequest, "validation_failed");
    }

    [Theory]
    [InlineData("        ")]
    [InlineData("12345678")]
    [InlineData("Password1")]
    [InlineData("zzzzzzzzzzzz")]
    public async Task Common_and_blank_passwords_are_refused(string password)
    {
        using var client = _server.CreateClient();
        var name = $"p{Guid.NewGuid():N}"[..16];
        var problem = await Problem.ExpectAsync(await client.PostAsJsonAsync("/api/auth/register",
            new { email = $"{name}@example.com", username = name, displayName = "P", password }), HttpStatusCode.BadRequest, "validation_failed");
        Assert.Equal(["password"], problem.Errors.Keys);
    }

    [Fact]
    public async Task A_password_logs_in_whichever_unicode_form_it_is_typed_in()
    {
        using var client = _server.CreateClient();
        var name = $"n{Guid.NewGuid():N}"[..16];
        var composed = "caf\u00E9 au lait 42";     // é as one code point
        var decomposed = "cafe\u0301 au lait 42";  // e + combining acute accent
        (await client.PostAsJsonAsync("/api/auth/register", new { email = $"{name}@example.com", username = name, displayName = "N", password = decomposed }))
            .EnsureSuccessStatusCode();
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync("/api/auth/login", new { login = name, password = composed })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync("/api/auth/login", new { login = name, password = decomposed })).StatusCode);
    }

    [Fact]
    public async Task Wrong_methods_and_media_types_and_oversized_bodies_get_their_own_status_and_code()
    {
        var (host, _) = await _server.SignUpAsync();
        var session = await RunningServer.CreateSessionAsync(host);
        await Problem.ExpectAsync(await host.PutAsJsonAsync($"/api/sessions/{session.Id}", new { }), HttpStatusCode.MethodNotAllowed, "method_not_allowed");
        await Problem.ExpectAsync(await host.PostAsync("/health/live", null), HttpStatusCode.MethodNotAllowed, "method_not_allowed");
        await Problem.ExpectAsync(await host.PostAsync("/api/sessions", new StringContent("{}", Encoding.UTF8, "text/plain")),
            HttpStatusCode.UnsupportedMediaType, "unsupported_media_type");
        await Problem.ExpectAsync(await host.GetAsync("/api/nothing-here"), HttpStatusCode.NotFound, "not_found");
        var huge = new string('x', 1024 * 1024);
        await Problem.ExpectAsync(await host.PostAsJsonAsync($"/api/sessions/{session.Id}/messages", new { content = huge }),
            HttpStatusCode.RequestEntityTooLarge, "payload_too_large");
    }

    [Fact]
    public async Task A_start_time_without_an_offset_is_refused_rather_than_read_as_server_time()
    {
        var (host, _) = await _server.SignUpAsync();
        var local = DateTime.UtcNow.AddHours(1).ToString("yyyy-MM-ddTHH:mm:ss", System.Globalization.CultureInfo.InvariantCulture);
        var problem = await Problem.ExpectAsync(await host.PostAsJsonAsync("/api/sessions", new
        {
            title = "T", subject = "S", sessionType = "silent", latitude = 1.0, longitude = 1.0, startTime = local, durationMinutes = 60,
        }), HttpStatusCode.BadRequest, "validation_failed");
        Assert.Equal(["startTime"], problem.Errors.Keys);
    }

    [Fact]
    public async Task The_page_and_the_api_carry_security_headers_and_account_answers_are_not_stored()
    {
        using var client = _server.CreateClient();
        var page = await client.GetAsync("/");
        Assert.Contains("frame-ancestors 'none'", page.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Contains("script-src 'self'", page.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Equal("nosniff", page.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("no-referrer", page.Headers.GetValues("Referrer-Policy").Single());

        var (signedIn, _) = await _server.SignUpAsync();
        var me = await signedIn.GetAsync("/api/me");
        Assert.True(me.Headers.CacheControl?.NoStore);
        Assert.NotNull((await client.GetAsync("/scalar/")).Headers.GetValues("Content-Security-Policy").Single());
    }
}
