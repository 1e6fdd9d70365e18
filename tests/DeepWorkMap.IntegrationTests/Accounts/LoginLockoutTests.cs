using System.Net;
using System.Net.Http.Json;
using DeepWorkMap.IntegrationTests.Infrastructure;

namespace DeepWorkMap.IntegrationTests.Accounts;

/// <summary>
/// Two front doors of one cluster (failures and familiar networks in Redis, so both count the same) behind a trusted proxy,
/// so each test client picks its network, with one clock the tests move.
/// </summary>
public sealed class LockoutServerFixture : IAsyncLifetime
{
    public const int AccountCeiling = 20;

    public ShiftableClock Clock { get; } = new();
    public Smtp4Dev Smtp { get; } = Smtp4Dev.Shared();
    public TestDatabase Database { get; private set; } = null!;
    public RunningServer A { get; private set; } = null!;
    public RunningServer B { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Database = await TestDatabase.CreateAsync();
        var settings = RunningServer.WithMail(RunningServer.OnRedis(Database, $"lockout-{Guid.NewGuid():N}"[..16]), Smtp);
        settings["TrustedProxies:Addresses:0"] = "127.0.0.1";
        settings["Accounts:LoginFailuresPerAccountBeforeDelay"] = AccountCeiling.ToString();
        A = await RunningServer.StartAsync(settings, builder => builder.Services.AddSingleton(new DeepWorkMap.Grains.Clock(Clock)));
        B = await RunningServer.StartAsync(settings, builder => builder.Services.AddSingleton(new DeepWorkMap.Grains.Clock(Clock)));
        await RunningServer.WaitForOneClusterAsync(A, B);
    }

    public async Task DisposeAsync()
    {
        await B.DisposeAsync();
        await A.DisposeAsync();
        await Database.DisposeAsync();
    }
}

/// <summary>
/// Failed logins slow guessing down, but an attacker cannot aim the slowdown at the owner: failures count per account and
/// network (or device), the owner's familiar networks and device cookies are not held out by failures from elsewhere, and a
/// ceiling per account still stops a guesser spread over many networks.
/// </summary>
public sealed class LoginLockoutTests(LockoutServerFixture fixture) : IClassFixture<LockoutServerFixture>
{
    private const string Password = "correct horse battery";
    private static Task<HttpResponseMessage> LogInFrom(HttpClient client, string address, string login, string password) =>
        client.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/api/auth/login")
        {
            Headers = { { "X-Forwarded-For", address } },
            Content = JsonContent.Create(new { login, password }),
        });

    /// <summary>
    /// A wrong password from <paramref name="address"/>, counted as a failure: when the throttle asks to wait first, the
    /// clock is moved by its Retry-After and the guess sent again. The wait asked for, if any.
    /// </summary>
    private async Task<TimeSpan?> GuessAsync(HttpClient client, string address, string login)
    {
        var guess = "guess " + Guid.NewGuid().ToString("N")[..6];
        var answer = await LogInFrom(client, address, login, guess);
        TimeSpan? waited = null;
        if (answer.StatusCode == HttpStatusCode.TooManyRequests)
        {
            waited = answer.Headers.RetryAfter!.Delta!.Value;
            fixture.Clock.Advance(waited.Value);
            answer = await LogInFrom(client, address, login, guess);
        }
        await Problem.ExpectAsync(answer, HttpStatusCode.Unauthorized, "invalid_credentials");
        return waited;
    }

    /// <summary>A client that keeps the cookies it is given, as a browser does; each test client is a device of its own.</summary>
    private static HttpClient Device(RunningServer server) => server.CreateClient();

    [Fact]
    public async Task A_password_reset_counts_as_a_login_so_the_owner_who_forgot_it_does_not_wait_after_setting_a_new_one()
    {
        var (_, auth) = await fixture.A.SignUpAsync();
        var name = auth.User.Username;
        const string home = "198.51.100.77";
        using var browser = Device(fixture.A);
        for (var i = 0; i < 8; i++) await GuessAsync(browser, home, name);
        await Problem.ExpectAsync(await LogInFrom(browser, home, name, Password), HttpStatusCode.TooManyRequests, "rate_limited");

        await browser.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/api/auth/password-reset")
        {
            Headers = { { "X-Forwarded-For", home } },
            Content = JsonContent.Create(new { email = $"{name}@example.com" }),
        });
        var token = await fixture.Smtp.TokenAsync($"{name}@example.com", "Reset your DeepWork Map password", "reset");
        var reset = await browser.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/api/auth/password-reset/confirm")
        {
            Headers = { { "X-Forwarded-For", home } },
            Content = JsonContent.Create(new { token, password = "remembered at last" }),
        });
        Assert.Equal(HttpStatusCode.NoContent, reset.StatusCode);
        // The mailed link proved the owner: no wait left from the guesses, on either front door, the clock unmoved.
        Assert.Equal(HttpStatusCode.OK, (await LogInFrom(Device(fixture.B), home, name, "remembered at last")).StatusCode);
    }

    [Fact]
    public async Task An_attackers_failures_from_one_network_grow_their_wait_on_every_front_door_but_never_hold_the_owner_out_from_home_or_their_device()
    {
        var (a, b) = (fixture.A, fixture.B);
        var (_, auth) = await a.SignUpAsync();
        var name = auth.User.Username;
        using var ownersBrowser = Device(a);
        var first = await LogInFrom(ownersBrowser, "198.51.100.7", name, Password);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var cookie = Assert.Single(first.Headers.GetValues("Set-Cookie"));
        Assert.StartsWith($"dwm_device_{auth.User.Id:N}=", cookie, StringComparison.Ordinal);
        Assert.Contains("path=/api/auth", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
        // It names the device, and opens nothing.
        var deviceToken = cookie[(cookie.IndexOf('=') + 1)..cookie.IndexOf(';')];
        await Problem.ExpectAsync(await a.CreateClient(deviceToken).GetAsync("/api/me"), HttpStatusCode.Unauthorized, "unauthorized");

        // Five failures are free; each one after them doubles the wait, counted on both front doors.
        using var attackerOnA = Device(a);
        using var attackerOnB = Device(b);
        var waits = new List<double>();
        for (var i = 0; i < 10; i++)
        {
            if (await GuessAsync(i % 2 == 0 ? attackerOnA : attackerOnB, "203.0.113.9", name) is { } waited) waits.Add(waited.TotalSeconds);
        }
        Assert.Equal(5, waits.Count);
        Assert.Equal(waits.Order(), waits);
        Assert.True(waits[^1] >= 8 * waits[0], $"the wait grows: {string.Join(", ", waits)} s");
        // The attacker's whole network waits, whatever password it brings, on either front door.
        await Problem.ExpectAsync(await LogInFrom(attackerOnB, "203.0.113.10", name, Password), HttpStatusCode.TooManyRequests, "rate_limited");
        await Problem.ExpectAsync(await LogInFrom(attackerOnA, "203.0.113.10", name, Password), HttpStatusCode.TooManyRequests, "rate_limited");

        // The owner does not: from their own network, with their device from the attacker's very network, or from somewhere new.
        Assert.Equal(HttpStatusCode.OK, (await LogInFrom(Device(b), "198.51.100.8", name, Password)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await LogInFrom(ownersBrowser, "203.0.113.11", name, Password)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await LogInFrom(Device(b), "192.0.2.1", name, Password)).StatusCode);
    }

    [Fact]
    public async Task The_ceiling_per_account_stops_a_guesser_spread_over_many_networks_but_not_the_owner_from_a_familiar_network_or_device()
    {
        var (a, b) = (fixture.A, fixture.B);
        var (_, auth) = await a.SignUpAsync();
        var name = auth.User.Username;
        using var ownersBrowser = Device(b);
        (await LogInFrom(ownersBrowser, "198.51.100.20", name, Password)).EnsureSuccessStatusCode();

        // One failure from each of many networks: none of them is slowed on its own, but the account is past its ceiling.
        using var guesser = Device(a);
        var networks = LockoutServerFixture.AccountCeiling + 5;
        for (var i = 0; i < networks; i++) await GuessAsync(guesser, $"10.{i}.0.1", name);

        // Now every unfamiliar place waits, the right password or not.
        await Problem.ExpectAsync(await LogInFrom(guesser, "10.99.0.1", name, Password), HttpStatusCode.TooManyRequests, "rate_limited");
        await Problem.ExpectAsync(await LogInFrom(Device(b), "192.0.2.77", name, Password), HttpStatusCode.TooManyRequests, "rate_limited");
        // The owner's network (any device on it) and the owner's device (anywhere) are let in.
        Assert.Equal(HttpStatusCode.OK, (await LogInFrom(Device(a), "198.51.100.21", name, Password)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await LogInFrom(ownersBrowser, "10.200.0.1", name, Password)).StatusCode);

        // A login that names nobody is throttled alike, so the throttle tells nobody which accounts exist.
        var nobody = "nobody_" + Guid.NewGuid().ToString("N")[..8];
        for (var i = 0; i < networks; i++) await GuessAsync(guesser, $"10.{i}.1.1", nobody);
        await Problem.ExpectAsync(await LogInFrom(guesser, "10.99.1.1", nobody, Password), HttpStatusCode.TooManyRequests, "rate_limited");
    }
}
