using System.Net;
using System.Net.Http.Json;
using System.Security.Claims;
using System.Text;
using DeepWorkMap.Contracts.Api;
using DeepWorkMap.IntegrationTests.Infrastructure;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace DeepWorkMap.IntegrationTests.Accounts;

/// <summary>The "Accounts" part of docs/api.md over real HTTP, against a cluster-mode server on PostgreSQL.</summary>
public sealed class AccountsApiTests(DurableServerFixture fixture) : IClassFixture<DurableServerFixture>
{
    private readonly RunningServer _server = fixture.Server;

    private static string NewName() => "u" + Guid.NewGuid().ToString("N")[..10];

    private static object Registration(string name, string? password = "correct horse battery") =>
        new { email = $"{name}@example.com", username = name, displayName = $"  {name} display  ", password };

    [Fact]
    public async Task Register_returns_201_with_a_token_that_opens_me()
    {
        using var client = _server.CreateClient();
        var name = NewName();
        var response = await client.PostAsJsonAsync("/api/auth/register", Registration(name));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var auth = (await response.Content.ReadFromJsonAsync<AuthResult>())!;
        Assert.Equal(name, auth.User.Username);
        Assert.Equal($"{name} display", auth.User.DisplayName);
        Assert.Null(auth.User.AvatarUrl);
        Assert.True(auth.ExpiresAt > DateTimeOffset.UtcNow.AddMinutes(10));

        using var authed = _server.CreateClient(auth.Token);
        var me = (await authed.GetFromJsonAsync<MeDto>("/api/me"))!;
        Assert.Equal(auth.User.Id, me.Id);
        Assert.Equal($"{name}@example.com", me.Email);
        Assert.InRange(me.CreatedAt, DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow.AddMinutes(1));
    }

    [Fact]
    public async Task Times_are_written_as_utc_with_a_z()
    {
        using var client = _server.CreateClient();
        var response = await client.PostAsJsonAsync("/api/auth/register", Registration(NewName()));
        var body = await response.Content.ReadAsStringAsync();
        Assert.Matches("\"expiresAt\":\"\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?Z\"", body);
    }

    [Theory]
    [InlineData("email", "not-an-email")]
    [InlineData("email", "")]
    [InlineData("username", "ab")]
    [InlineData("username", "has space")]
    [InlineData("username", "x123456789x123456789x123456789x123456789x1234567890")]
    [InlineData("displayName", "   ")]
    [InlineData("password", "short")]
    public async Task Register_rejects_each_invalid_field_with_its_error(string field, string value)
    {
        var name = NewName();
        var body = new Dictionary<string, string>
        {
            ["email"] = $"{name}@example.com", ["username"] = name, ["displayName"] = "Someone", ["password"] = "long enough password",
            [field] = value,
        };
        using var client = _server.CreateClient();
        var problem = await Problem.ExpectAsync(await client.PostAsJsonAsync("/api/auth/register", body), HttpStatusCode.BadRequest, "validation_failed");
        Assert.Equal([field], problem.Errors.Keys);
    }

    [Fact]
    public async Task Register_rejects_overlong_email_display_name_and_password()
    {
        using var client = _server.CreateClient();
        var body = new { email = new string('a', 250) + "@x.com", username = NewName(), displayName = new string('d', 101), password = new string('p', 129) };
        var problem = await Problem.ExpectAsync(await client.PostAsJsonAsync("/api/auth/register", body), HttpStatusCode.BadRequest, "validation_failed");
        Assert.Equal(["displayName", "email", "password"], problem.Errors.Keys.Order());
    }

    [Theory]
    [InlineData("{\"email\": ")]
    [InlineData("[1,2,3]")]
    [InlineData("{\"email\": 42, \"username\": {}}")]
    [InlineData("null")]
    [InlineData("")]
    public async Task Malformed_bodies_get_400_validation_failed_never_500(string json)
    {
        using var client = _server.CreateClient();
        var response = await client.PostAsync("/api/auth/register", new StringContent(json, Encoding.UTF8, "application/json"));
        await Problem.ExpectAsync(response, HttpStatusCode.BadRequest, "validation_failed");
    }

    [Fact]
    public async Task Email_and_username_are_unique_case_insensitively()
    {
        using var client = _server.CreateClient();
        var name = NewName();
        Assert.Equal(HttpStatusCode.Created, (await client.PostAsJsonAsync("/api/auth/register", Registration(name))).StatusCode);

        var sameEmail = new { email = $"{name.ToUpperInvariant()}@EXAMPLE.com", username = NewName(), displayName = "x", password = "long enough password" };
        await Problem.ExpectAsync(await client.PostAsJsonAsync("/api/auth/register", sameEmail), HttpStatusCode.Conflict, "email_taken");

        var sameUsername = new { email = $"{NewName()}@example.com", username = name.ToUpperInvariant(), displayName = "x", password = "long enough password" };
        await Problem.ExpectAsync(await client.PostAsJsonAsync("/api/auth/register", sameUsername), HttpStatusCode.Conflict, "username_taken");
    }

    [Fact]
    public async Task Fifty_concurrent_registrations_of_one_username_admit_exactly_one()
    {
        var name = NewName();
        using var client = _server.CreateClient();
        var attempts = Enumerable.Range(0, 50).Select(i => client.PostAsJsonAsync("/api/auth/register",
            new { email = $"{name}-{i}@example.com", username = name, displayName = "Racer", password = "long enough password" }));
        var responses = await Task.WhenAll(attempts);

        Assert.Equal(1, responses.Count(r => r.StatusCode == HttpStatusCode.Created));
        foreach (var loser in responses.Where(r => r.StatusCode != HttpStatusCode.Created))
            await Problem.ExpectAsync(loser, HttpStatusCode.Conflict, "username_taken");
        Assert.Equal(1L, await fixture.Database.ScalarAsync<long>("SELECT count(*) FROM users WHERE lower(username) = lower($1)", name));
    }

    [Fact]
    public async Task Login_accepts_email_or_username_in_any_case()
    {
        using var client = _server.CreateClient();
        var name = NewName();
        await client.PostAsJsonAsync("/api/auth/register", Registration(name));

        foreach (var login in new[] { name, name.ToUpperInvariant(), $"{name}@example.com", $"{name.ToUpperInvariant()}@Example.COM" })
        {
            var response = await client.PostAsJsonAsync("/api/auth/login", new { login, password = "correct horse battery" });
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var auth = (await response.Content.ReadFromJsonAsync<AuthResult>())!;
            Assert.Equal(name, auth.User.Username);
        }
    }

    [Fact]
    public async Task Wrong_password_and_unknown_user_get_the_same_401()
    {
        using var client = _server.CreateClient();
        var name = NewName();
        await client.PostAsJsonAsync("/api/auth/register", Registration(name));

        var wrongPassword = await Problem.ExpectAsync(
            await client.PostAsJsonAsync("/api/auth/login", new { login = name, password = "wrong password!" }), HttpStatusCode.Unauthorized, "invalid_credentials");
        var unknownUser = await Problem.ExpectAsync(
            await client.PostAsJsonAsync("/api/auth/login", new { login = NewName(), password = "wrong password!" }), HttpStatusCode.Unauthorized, "invalid_credentials");
        Assert.Equal(wrongPassword.Title, unknownUser.Title);
    }

    [Fact]
    public async Task Login_without_fields_is_a_validation_error()
    {
        using var client = _server.CreateClient();
        var problem = await Problem.ExpectAsync(await client.PostAsJsonAsync("/api/auth/login", new { }), HttpStatusCode.BadRequest, "validation_failed");
        Assert.Equal(["login", "password"], problem.Errors.Keys.Order());
    }

    [Fact]
    public async Task Failed_logins_slow_an_account_down_with_a_growing_wait_but_never_lock_its_owner_out()
    {
        using var client = _server.CreateClient();
        var name = NewName();
        await client.PostAsJsonAsync("/api/auth/register", Registration(name));
        for (var i = 0; i < 5; i++)
            Assert.Equal(HttpStatusCode.Unauthorized, (await client.PostAsJsonAsync("/api/auth/login", new { login = name, password = "guess " + i })).StatusCode);

        // After five failures the next attempt waits 1 s (then 2, 4, …); even the right password must wait.
        var limited = await client.PostAsJsonAsync("/api/auth/login", new { login = name, password = "correct horse battery" });
        await Problem.ExpectAsync(limited, HttpStatusCode.TooManyRequests, "rate_limited");
        var wait = limited.Headers.RetryAfter!.Delta!.Value;
        Assert.InRange(wait, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2));

        // After the wait the owner gets in, and that clears the count.
        await Task.Delay(wait + TimeSpan.FromMilliseconds(200));
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync("/api/auth/login", new { login = name, password = "correct horse battery" })).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.PostAsJsonAsync("/api/auth/login", new { login = name, password = "guess again" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync("/api/auth/login", new { login = name, password = "correct horse battery" })).StatusCode);
    }

    [Fact]
    public async Task Every_way_of_naming_an_account_shares_one_count_of_failures()
    {
        using var client = _server.CreateClient();
        var name = NewName();
        await client.PostAsJsonAsync("/api/auth/register", Registration(name));
        foreach (var login in new[] { name, name.ToUpperInvariant(), $"{name}@example.com", $"{name.ToUpperInvariant()}@EXAMPLE.COM", $"{name}@example.com" })
            Assert.Equal(HttpStatusCode.Unauthorized, (await client.PostAsJsonAsync("/api/auth/login", new { login, password = "wrong guess" })).StatusCode);
        await Problem.ExpectAsync(await client.PostAsJsonAsync("/api/auth/login", new { login = name.ToUpperInvariant(), password = "wrong guess" }),
            HttpStatusCode.TooManyRequests, "rate_limited");
    }

    [Theory]
    [InlineData(null)]
    [InlineData("garbage")]
    [InlineData("eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.")]
    public async Task Me_without_a_valid_token_is_401_unauthorized(string? token)
    {
        using var client = _server.CreateClient(token);
        await Problem.ExpectAsync(await client.GetAsync("/api/me"), HttpStatusCode.Unauthorized, "unauthorized");
    }

    [Fact]
    public async Task Expired_and_foreign_tokens_are_refused()
    {
        var (_, auth) = await _server.SignUpAsync();
        string Token(string key, DateTime expires) => new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = "deepwork-map", Audience = "deepwork-map",
            NotBefore = expires.AddHours(-2), IssuedAt = expires.AddHours(-2), Expires = expires,
            Subject = new ClaimsIdentity([new Claim("sub", auth.User.Id.ToString())]),
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(key)), SecurityAlgorithms.HmacSha256),
        });

        using var valid = _server.CreateClient(Token(TestEnvironment.JwtKey, DateTime.UtcNow.AddHours(1)));
        Assert.Equal(HttpStatusCode.OK, (await valid.GetAsync("/api/me")).StatusCode);

        using var expired = _server.CreateClient(Token(TestEnvironment.JwtKey, DateTime.UtcNow.AddMinutes(-5)));
        await Problem.ExpectAsync(await expired.GetAsync("/api/me"), HttpStatusCode.Unauthorized, "unauthorized");

        using var foreign = _server.CreateClient(Token("some-other-key-that-is-also-long-enough-123", DateTime.UtcNow.AddHours(1)));
        await Problem.ExpectAsync(await foreign.GetAsync("/api/me"), HttpStatusCode.Unauthorized, "unauthorized");
    }

    [Fact]
    public async Task Patch_me_updates_what_is_given_and_keeps_the_rest()
    {
        var (client, auth) = await _server.SignUpAsync();
        using (client)
        {
            var renamed = (await (await client.PatchAsJsonAsync("/api/me", new { displayName = "  New Name " })).Content.ReadFromJsonAsync<MeDto>())!;
            Assert.Equal("New Name", renamed.DisplayName);
            Assert.Null(renamed.AvatarUrl);

            var withAvatar = (await (await client.PatchAsJsonAsync("/api/me", new { avatarUrl = "https://img.example.com/a.png" })).Content.ReadFromJsonAsync<MeDto>())!;
            Assert.Equal("New Name", withAvatar.DisplayName);
            Assert.Equal("https://img.example.com/a.png", withAvatar.AvatarUrl);

            var reread = (await client.GetFromJsonAsync<MeDto>("/api/me"))!;
            Assert.Equal(withAvatar, reread with { CalendarFeedUrl = null });

            var cleared = (await (await client.PatchAsJsonAsync("/api/me", new Dictionary<string, string?> { ["avatarUrl"] = null })).Content.ReadFromJsonAsync<MeDto>())!;
            Assert.Null(cleared.AvatarUrl);
            Assert.Equal(auth.User.Id, cleared.Id);
        }
    }

    [Theory]
    [InlineData("{\"displayName\": \"\"}", "displayName")]
    [InlineData("{\"displayName\": 5}", "displayName")]
    [InlineData("{\"avatarUrl\": \"ftp://example.com/a.png\"}", "avatarUrl")]
    [InlineData("{\"avatarUrl\": \"/relative.png\"}", "avatarUrl")]
    public async Task Patch_me_rejects_invalid_fields(string json, string field)
    {
        var (client, _) = await _server.SignUpAsync();
        using (client)
        {
            var response = await client.PatchAsync("/api/me", new StringContent(json, Encoding.UTF8, "application/json"));
            var problem = await Problem.ExpectAsync(response, HttpStatusCode.BadRequest, "validation_failed");
            Assert.Equal([field], problem.Errors.Keys);
        }
    }

    [Fact]
    public async Task Unknown_paths_are_404_problems()
    {
        using var client = _server.CreateClient();
        await Problem.ExpectAsync(await client.GetAsync("/api/nothing-here"), HttpStatusCode.NotFound, "not_found");
    }
}
