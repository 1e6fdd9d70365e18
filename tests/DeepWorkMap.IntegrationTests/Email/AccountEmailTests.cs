using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using DeepWorkMap.Contracts.Api;
using DeepWorkMap.IntegrationTests.Infrastructure;

namespace DeepWorkMap.IntegrationTests.Email;

/// <summary>A durable server that mails the suite's smtp4dev and requires verified addresses, on a clock the tests move.</summary>
public sealed class MailingServerFixture : IAsyncLifetime
{
    public ShiftableClock Clock { get; } = new();
    public Smtp4Dev Smtp { get; } = Smtp4Dev.Shared();
    public TestDatabase Database { get; private set; } = null!;
    public RunningServer Server { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Database = await TestDatabase.CreateAsync();
        var settings = RunningServer.WithMail(RunningServer.Durable(Database, $"mail-{Guid.NewGuid():N}"[..16]), Smtp);
        settings["Accounts:PasswordResetsPerAddressPerHour"] = "1000";
        Server = await RunningServer.StartAsync(settings, builder => builder.Services.AddSingleton(new DeepWorkMap.Grains.Clock(Clock)));
    }

    public async Task DisposeAsync()
    {
        await Server.DisposeAsync();
        await Database.DisposeAsync();
    }
}

/// <summary>
/// Sign-up mails a link that proves the address; until then the account may not host or follow. A forgotten password is
/// reset through a mailed single-use link, and the answer to the request tells nobody whether the address has an account.
/// </summary>
public sealed class AccountEmailTests(MailingServerFixture fixture) : IClassFixture<MailingServerFixture>
{
    private const string Password = "correct horse battery";
    private RunningServer Server => fixture.Server;
    private Smtp4Dev Smtp => fixture.Smtp;

    private static string NewUsername() => "m" + Guid.NewGuid().ToString("N")[..12];

    private static Task<HttpResponseMessage> CreateSessionAsync(HttpClient client) => client.PostAsJsonAsync("/api/sessions", new
    {
        title = "Thermodynamics", subject = "Physics", sessionType = "discussion", latitude = 52.52, longitude = 13.405,
        startTime = DateTimeOffset.UtcNow.AddMinutes(30).ToString("O"), durationMinutes = 90, maxParticipants = 5,
    });

    private async Task<MeDto> MeAsync(HttpClient client) => (await client.GetFromJsonAsync<MeDto>("/api/me"))!;

    private async Task VerifyAsync(string email)
    {
        var token = await Smtp.TokenAsync(email, "Confirm your email", "verify");
        using var anonymous = Server.CreateClient();
        Assert.Equal(HttpStatusCode.NoContent, (await anonymous.PostAsJsonAsync("/api/auth/verify-email", new { token })).StatusCode);
    }

    [Fact]
    public async Task Sign_up_mails_a_link_and_until_it_is_followed_the_account_may_join_but_not_host_or_follow()
    {
        var (host, hostAuth) = await Server.SignUpAsync(NewUsername());
        await VerifyAsync($"{hostAuth.User.Username}@example.com");
        var session = (await (await CreateSessionAsync(host)).EnsureSuccessStatusCode().Content.ReadFromJsonAsync<SessionDto>())!;

        var (user, auth) = await Server.SignUpAsync(NewUsername());
        var email = $"{auth.User.Username}@example.com";
        Assert.False((await MeAsync(user)).EmailVerified);
        await Problem.ExpectAsync(await CreateSessionAsync(user), HttpStatusCode.Forbidden, "email_unverified");
        await Problem.ExpectAsync(await user.PostAsync("/api/series", JsonContent.Create(new { })), HttpStatusCode.Forbidden, "email_unverified");
        await Problem.ExpectAsync(await user.PostAsync($"/api/users/{hostAuth.User.Id}/follow", null), HttpStatusCode.Forbidden, "email_unverified");
        // Searching and joining need no verified address.
        (await user.GetAsync("/api/sessions/nearby?lat=52.52&lng=13.405&radiusKm=5")).EnsureSuccessStatusCode();
        (await user.PostAsJsonAsync($"/api/sessions/{session.Id}/join", new { })).EnsureSuccessStatusCode();

        var token = await Smtp.TokenAsync(email, "Confirm your email", "verify");
        using var anonymous = Server.CreateClient();
        Assert.Equal(HttpStatusCode.NoContent, (await anonymous.PostAsJsonAsync("/api/auth/verify-email", new { token })).StatusCode);
        Assert.True((await MeAsync(user)).EmailVerified);
        Assert.Equal(HttpStatusCode.Created, (await CreateSessionAsync(user)).StatusCode);
        (await user.PostAsync($"/api/users/{hostAuth.User.Id}/follow", null)).EnsureSuccessStatusCode();

        // The link works once; resending to a verified address is refused.
        await Problem.ExpectAsync(await anonymous.PostAsJsonAsync("/api/auth/verify-email", new { token }), HttpStatusCode.BadRequest, "invalid_token");
        await Problem.ExpectAsync(await user.PostAsync("/api/auth/verify-email/resend", null), HttpStatusCode.Conflict, "already_verified");
    }

    [Fact]
    public async Task Resending_is_capped_per_account_and_a_verification_link_expires_after_24_hours()
    {
        var (user, auth) = await Server.SignUpAsync(NewUsername());
        var email = $"{auth.User.Username}@example.com";
        // Sign-up sent the first of three an hour.
        Assert.Equal(HttpStatusCode.Accepted, (await user.PostAsync("/api/auth/verify-email/resend", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await user.PostAsync("/api/auth/verify-email/resend", null)).StatusCode);
        await Problem.ExpectAsync(await user.PostAsync("/api/auth/verify-email/resend", null), HttpStatusCode.TooManyRequests, "rate_limited");
        var third = await Smtp.TokenAsync(email, "Confirm your email", "verify", nth: 3);
        Assert.Equal(3, (await Smtp.ToAsync(email)).Count);

        fixture.Clock.Advance(TimeSpan.FromHours(24) + TimeSpan.FromMinutes(1));
        using var anonymous = Server.CreateClient();
        await Problem.ExpectAsync(await anonymous.PostAsJsonAsync("/api/auth/verify-email", new { token = third }), HttpStatusCode.BadRequest, "invalid_token");
        var (again, _) = await Server.LogInAsync(auth.User.Username);
        Assert.False((await MeAsync(again)).EmailVerified);
        Assert.Equal(HttpStatusCode.Accepted, (await again.PostAsync("/api/auth/verify-email/resend", null)).StatusCode);
    }

    [Fact]
    public async Task A_reset_sets_the_password_once_signs_out_every_device_and_tells_the_owner()
    {
        var (user, auth) = await Server.SignUpAsync(NewUsername());
        var email = $"{auth.User.Username}@example.com";
        var hub = await Server.ConnectHubAsync(auth.Token);
        var hubClosed = new TaskCompletionSource();
        hub.Closed += _ => { hubClosed.TrySetResult(); return Task.CompletedTask; };
        using var anonymous = Server.CreateClient();

        Assert.Equal(HttpStatusCode.Accepted, (await anonymous.PostAsJsonAsync("/api/auth/password-reset", new { email })).StatusCode);
        var token = await Smtp.TokenAsync(email, "Reset your DeepWork Map password", "reset");

        // Guesses get nowhere; a password the rules refuse leaves the link working.
        foreach (var guess in new[] { "x", token[..^1] + (token[^1] == 'A' ? 'B' : 'A'), Convert.ToBase64String(Guid.NewGuid().ToByteArray()).TrimEnd('=').Replace('+', '-').Replace('/', '_') })
            await Problem.ExpectAsync(await anonymous.PostAsJsonAsync("/api/auth/password-reset/confirm", new { token = guess, password = "a brand new secret" }),
                HttpStatusCode.BadRequest, "invalid_token");
        var weak = await Problem.ExpectAsync(await anonymous.PostAsJsonAsync("/api/auth/password-reset/confirm", new { token, password = "short" }),
            HttpStatusCode.BadRequest, "validation_failed");
        Assert.Contains("password", weak.Errors.Keys);

        Assert.Equal(HttpStatusCode.NoContent,
            (await anonymous.PostAsJsonAsync("/api/auth/password-reset/confirm", new { token, password = "a brand new secret" })).StatusCode);
        await Problem.ExpectAsync(await anonymous.PostAsJsonAsync("/api/auth/password-reset/confirm", new { token, password = "another new secret" }),
            HttpStatusCode.BadRequest, "invalid_token");

        // Every device is out: the old token is refused and its hub connection closed.
        Assert.Equal(HttpStatusCode.Unauthorized, (await user.GetAsync("/api/me")).StatusCode);
        await hubClosed.Task.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsJsonAsync("/api/auth/login", new { login = email, password = Password })).StatusCode);
        var login = await anonymous.PostAsJsonAsync("/api/auth/login", new { login = email, password = "a brand new secret" });
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        var fresh = Server.CreateClient((await login.Content.ReadFromJsonAsync<AuthResult>())!.Token);
        // The link reached the address: it is verified with it.
        Assert.True((await MeAsync(fresh)).EmailVerified);
        await Eventually.HoldsAsync(async () => (await Smtp.ToAsync(email)).Any(m => m.Subject == "Your DeepWork Map password was changed"),
            TimeSpan.FromSeconds(60), "the owner told of the change");
        await hub.DisposeAsync();
    }

    [Fact]
    public async Task A_reset_link_expires_after_30_minutes_and_an_account_is_sent_at_most_three_an_hour()
    {
        var (_, auth) = await Server.SignUpAsync(NewUsername());
        var email = $"{auth.User.Username}@example.com";
        using var anonymous = Server.CreateClient();
        for (var i = 0; i < 5; i++)
            Assert.Equal(HttpStatusCode.Accepted, (await anonymous.PostAsJsonAsync("/api/auth/password-reset", new { email })).StatusCode);
        // The requests are worked in order: once a later one's mail has arrived, all five have been worked.
        var (_, later) = await Server.SignUpAsync(NewUsername());
        var laterEmail = $"{later.User.Username}@example.com";
        Assert.Equal(HttpStatusCode.Accepted, (await anonymous.PostAsJsonAsync("/api/auth/password-reset", new { email = laterEmail })).StatusCode);
        await Smtp.TokenAsync(laterEmail, "Reset your DeepWork Map password", "reset");
        var token = await Smtp.TokenAsync(email, "Reset your DeepWork Map password", "reset", nth: 3);
        // Five asked, three sent.
        await Eventually.HoldsAsync(async () => (await Smtp.ToAsync(email)).Count(m => m.Subject.StartsWith("Reset", StringComparison.Ordinal)) >= 3,
            TimeSpan.FromSeconds(30), "three reset mails");
        Assert.Equal(3, (await Smtp.ToAsync(email)).Count(m => m.Subject.StartsWith("Reset", StringComparison.Ordinal)));
        Assert.Equal(3L, await fixture.Database.ScalarAsync<long>("SELECT count(*) FROM account_tokens WHERE user_id = $1 AND purpose = 'password_reset'", auth.User.Id));

        fixture.Clock.Advance(TimeSpan.FromMinutes(31));
        await Problem.ExpectAsync(await anonymous.PostAsJsonAsync("/api/auth/password-reset/confirm", new { token, password = "a brand new secret" }),
            HttpStatusCode.BadRequest, "invalid_token");
        Assert.Equal(HttpStatusCode.OK, (await anonymous.PostAsJsonAsync("/api/auth/login", new { login = email, password = Password })).StatusCode);
    }

    [Fact]
    public async Task Asking_to_reset_an_unknown_address_answers_exactly_as_for_a_known_one_and_mails_nobody()
    {
        var (_, auth) = await Server.SignUpAsync(NewUsername());
        var known = $"{auth.User.Username}@example.com";
        var unknown = $"nobody{Guid.NewGuid():N}"[..20] + "@example.com";
        using var anonymous = Server.CreateClient();

        async Task<(HttpStatusCode Status, string Body, string Headers, double Milliseconds)> AskAsync(string email)
        {
            var watch = Stopwatch.StartNew();
            var response = await anonymous.PostAsJsonAsync("/api/auth/password-reset", new { email });
            var body = await response.Content.ReadAsStringAsync();
            watch.Stop();
            var headers = string.Join("\n", response.Headers.Concat(response.Content.Headers).Where(h => h.Key != "Date").OrderBy(h => h.Key).Select(h => $"{h.Key}: {string.Join(",", h.Value)}"));
            return (response.StatusCode, body, headers, watch.Elapsed.TotalMilliseconds);
        }

        // Warm both paths, then interleave so load falls on both alike.
        await AskAsync(unknown);
        await AskAsync(known);
        var knownTimes = new List<double>();
        var unknownTimes = new List<double>();
        for (var i = 0; i < 40; i++)
        {
            var k = await AskAsync(known);
            var u = await AskAsync(unknown);
            Assert.Equal(HttpStatusCode.Accepted, k.Status);
            Assert.Equal((k.Status, k.Body, k.Headers), (u.Status, u.Body, u.Headers));
            knownTimes.Add(k.Milliseconds);
            unknownTimes.Add(u.Milliseconds);
        }
        // The request only queues the address: the account look-up, the token and the mail happen after the answer.
        static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);
        var (knownMedian, unknownMedian) = (Median(knownTimes), Median(unknownTimes));
        Assert.True(Math.Abs(knownMedian - unknownMedian) < Math.Max(3, 0.5 * Math.Min(knownMedian, unknownMedian)),
            $"median answer {knownMedian:F2} ms for a known address, {unknownMedian:F2} ms for an unknown one");

        await Smtp.TokenAsync(known, "Reset your DeepWork Map password", "reset");
        Assert.Empty(await Smtp.ToAsync(unknown));
    }
}
