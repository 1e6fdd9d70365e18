using System.Net;
using System.Net.Http.Json;
using System.Security.Claims;
using System.Text;
using DeepWorkMap.Contracts.Api;
using DeepWorkMap.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace DeepWorkMap.IntegrationTests.Accounts;

/// <summary>
/// Two front doors in one cluster on PostgreSQL and Redis, mailing the suite's smtp4dev, with access tokens that live the
/// default 15 minutes on a clock the tests move.
/// </summary>
public sealed class DevicesFixture : IAsyncLifetime
{
    public ShiftableClock Clock { get; } = new();
    public Smtp4Dev Smtp { get; } = Smtp4Dev.Shared();
    public TestDatabase Database { get; private set; } = null!;
    public RunningServer A { get; private set; } = null!;
    public RunningServer B { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Database = await TestDatabase.CreateAsync();
        var clusterId = $"dev-{Guid.NewGuid():N}"[..16];
        Dictionary<string, string?> Settings()
        {
            var settings = RunningServer.WithMail(RunningServer.OnRedis(Database, clusterId), Smtp);
            settings["Email:RequireVerification"] = "false";
            settings["Jwt:TokenLifetimeMinutes"] = "15";
            // Every call here comes from one loopback network; the budget shared by logins and refreshes is not under test.
            settings["Accounts:LoginAttemptsPerAddressPerMinute"] = "10000";
            return settings;
        }
        A = await RunningServer.StartAsync(Settings(), builder => builder.Services.AddSingleton(new DeepWorkMap.Grains.Clock(Clock)));
        B = await RunningServer.StartAsync(Settings(), builder => builder.Services.AddSingleton(new DeepWorkMap.Grains.Clock(Clock)));
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
/// Each sign-in is a device with a short-lived access token and a refresh token that rotates on every use; a refresh token
/// used twice signs its device out (RFC 9700). The owner lists their devices and signs out one or all, which cuts their
/// tokens and hub connections at once on every front door; changing the password signs out every other device, and
/// changing the address waits for the new one to confirm.
/// </summary>
public sealed class DevicesTests(DevicesFixture fixture) : IClassFixture<DevicesFixture>
{
    private const string Password = "correct horse battery";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private RunningServer A => fixture.A;
    private RunningServer B => fixture.B;

    private static string NewUsername() => "d" + Guid.NewGuid().ToString("N")[..12];

    private static async Task<AuthResult> SignInAsync(RunningServer server, string login, bool keepSignedIn = false, string userAgent = "DevicesTests/1.0")
    {
        using var anonymous = server.CreateClient();
        anonymous.DefaultRequestHeaders.UserAgent.ParseAdd(userAgent);
        var response = await anonymous.PostAsJsonAsync("/api/auth/login", new { login, password = Password, keepSignedIn });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<AuthResult>())!;
    }

    private static async Task<HttpResponseMessage> RefreshAsync(RunningServer server, string refreshToken)
    {
        using var anonymous = server.CreateClient();
        var response = await anonymous.PostAsJsonAsync("/api/auth/refresh", new { refreshToken });
        await response.Content.LoadIntoBufferAsync();
        return response;
    }

    private static async Task<AuthResult> RefreshedAsync(RunningServer server, string refreshToken)
    {
        var response = await RefreshAsync(server, refreshToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<AuthResult>())!;
    }

    private static async Task<HttpStatusCode> MeStatusAsync(RunningServer server, string token)
    {
        using var client = server.CreateClient(token);
        return (await client.GetAsync("/api/me")).StatusCode;
    }

    private static TaskCompletionSource Closing(HubConnection hub)
    {
        var closed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        hub.Closed += _ => { closed.TrySetResult(); return Task.CompletedTask; };
        return closed;
    }

    /// <summary>A round trip on the connection: it is still open and its user still acts through it.</summary>
    private static Task StillServedAsync(HubConnection hub) => hub.InvokeAsync<ItemsDto<SessionDto>>("WatchArea", 52.52, 13.405, 1.0);

    [Fact]
    public async Task A_refresh_token_rotates_and_the_access_token_it_buys_names_the_same_device()
    {
        var (_, signUp) = await A.SignUpAsync(NewUsername());
        Assert.NotEqual(Guid.Empty, signUp.DeviceId);
        Assert.Equal(43, signUp.RefreshToken.Length);
        // Sign-up without "keep me signed in": the refresh token lives a day; access tokens the configured minutes.
        Assert.InRange(signUp.RefreshExpiresAt - DateTimeOffset.UtcNow - fixture.Clock.Offset, TimeSpan.FromHours(23), TimeSpan.FromHours(25));
        Assert.InRange(signUp.ExpiresAt - DateTimeOffset.UtcNow - fixture.Clock.Offset, TimeSpan.FromMinutes(14), TimeSpan.FromMinutes(16));

        var next = await RefreshedAsync(B, signUp.RefreshToken);
        Assert.NotEqual(signUp.RefreshToken, next.RefreshToken);
        Assert.NotEqual(signUp.Token, next.Token);
        Assert.Equal(signUp.DeviceId, next.DeviceId);
        Assert.Equal(signUp.User.Id, next.User.Id);
        using var client = A.CreateClient(next.Token);
        var devices = (await client.GetFromJsonAsync<List<DeviceDto>>("/api/me/devices"))!;
        var only = Assert.Single(devices);
        Assert.Equal(signUp.DeviceId, only.Id);
        Assert.True(only.Current);

        // The access token runs out in minutes; the refresh token buys the next.
        fixture.Clock.Advance(TimeSpan.FromMinutes(16));
        Assert.Equal(HttpStatusCode.Unauthorized, await MeStatusAsync(A, next.Token));
        var later = await RefreshedAsync(A, next.RefreshToken);
        Assert.Equal(HttpStatusCode.OK, await MeStatusAsync(A, later.Token));

        // Stored only as its SHA-256 (the tables have no other column that could hold it).
        Assert.Equal(1L, await fixture.Database.ScalarAsync<long>(
            "SELECT count(*) FROM device_refresh_tokens WHERE token_hash = sha256(convert_to($1, 'UTF8'))", later.RefreshToken));
    }

    [Fact]
    public async Task An_access_token_may_live_only_the_configured_minutes_but_one_of_the_release_before_devices_its_12_hours()
    {
        var (_, auth) = await A.SignUpAsync(NewUsername());
        var now = DateTime.UtcNow + fixture.Clock.Offset;
        string Token(TimeSpan lifetime, Guid? device)
        {
            List<Claim> claims = [new("sub", auth.User.Id.ToString())];
            if (device is { } id) claims.Add(new Claim("dwm_device", id.ToString()));
            return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
            {
                Issuer = "deepwork-map", Audience = "deepwork-map", NotBefore = now, IssuedAt = now, Expires = now + lifetime,
                Subject = new ClaimsIdentity(claims),
                SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(TestEnvironment.JwtKey)), SecurityAlgorithms.HmacSha256),
            });
        }

        Assert.Equal(HttpStatusCode.OK, await MeStatusAsync(A, Token(TimeSpan.FromMinutes(14), auth.DeviceId)));
        Assert.Equal(HttpStatusCode.Unauthorized, await MeStatusAsync(A, Token(TimeSpan.FromHours(1), auth.DeviceId)));
        // While a cluster rolls onto devices, the tokens the previous release issued (12 hours, no device) still pass.
        Assert.Equal(HttpStatusCode.OK, await MeStatusAsync(A, Token(TimeSpan.FromHours(11), device: null)));
        Assert.Equal(HttpStatusCode.Unauthorized, await MeStatusAsync(A, Token(TimeSpan.FromHours(13), device: null)));
    }

    [Fact]
    public async Task A_refresh_token_used_twice_signs_its_device_out_with_every_token_of_its_chain_and_no_other_device()
    {
        var username = NewUsername();
        await A.SignUpAsync(username);
        var stolen = await SignInAsync(A, username, keepSignedIn: true);
        var other = await SignInAsync(A, username);
        var owner = await RefreshedAsync(A, stolen.RefreshToken);
        var newest = await RefreshedAsync(A, owner.RefreshToken);
        Assert.Equal(HttpStatusCode.OK, await MeStatusAsync(B, newest.Token));

        // The thief replays the copy the owner already rotated, on the other front door.
        await Problem.ExpectAsync(await RefreshAsync(B, stolen.RefreshToken), HttpStatusCode.Unauthorized, "signed_out");

        // The whole chain is gone: the newest refresh token, and the access token it bought, at once on both doors.
        await Problem.ExpectAsync(await RefreshAsync(A, newest.RefreshToken), HttpStatusCode.Unauthorized, "signed_out");
        Assert.Equal(HttpStatusCode.Unauthorized, await MeStatusAsync(A, newest.Token));
        Assert.Equal(HttpStatusCode.Unauthorized, await MeStatusAsync(B, newest.Token));
        // The account's other device is untouched.
        Assert.Equal(HttpStatusCode.OK, await MeStatusAsync(B, other.Token));
        Assert.Equal(HttpStatusCode.OK, (await RefreshAsync(A, other.RefreshToken)).StatusCode);
        // Garbage, or nothing, is refused as clearly.
        await Problem.ExpectAsync(await RefreshAsync(A, "not-a-token"), HttpStatusCode.Unauthorized, "signed_out");
        await Problem.ExpectAsync(await RefreshAsync(A, ""), HttpStatusCode.BadRequest, "validation_failed");
    }

    [Fact]
    public async Task The_devices_list_shows_each_sign_in_with_its_network_and_browser_and_only_to_its_owner()
    {
        var username = NewUsername();
        var (_, first) = await A.SignUpAsync(username);
        var phone = await SignInAsync(B, username, keepSignedIn: true, userAgent: "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X)");
        var (_, stranger) = await A.SignUpAsync(NewUsername());

        using var client = A.CreateClient(phone.Token);
        var devices = (await client.GetFromJsonAsync<List<DeviceDto>>("/api/me/devices"))!;
        Assert.Equal([phone.DeviceId, first.DeviceId], devices.Select(d => d.Id));
        var listedPhone = devices[0];
        Assert.True(listedPhone.Current);
        Assert.False(devices[1].Current);
        Assert.True(listedPhone.KeepSignedIn);
        Assert.Equal("Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X)", listedPhone.UserAgent);
        // The network, never the address: the loopback client is 127.0.0.1, shown as its /24.
        Assert.Equal("127.0.0.0/24", listedPhone.Network);
        Assert.DoesNotContain("127.0.0.1", await client.GetStringAsync("/api/me/devices"));

        // Another account's device is not found, and stays signed in.
        await Problem.ExpectAsync(await client.DeleteAsync($"/api/me/devices/{stranger.DeviceId}"), HttpStatusCode.NotFound, "not_found");
        await Problem.ExpectAsync(await client.DeleteAsync($"/api/me/devices/{Guid.NewGuid()}"), HttpStatusCode.NotFound, "not_found");
        Assert.Equal(HttpStatusCode.OK, await MeStatusAsync(A, stranger.Token));
        using var anonymous = A.CreateClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/me/devices")).StatusCode);
    }

    [Fact]
    public async Task Signing_out_a_device_refuses_its_tokens_at_once_and_cuts_its_hub_connection_on_another_front_door_while_the_others_stay()
    {
        var username = NewUsername();
        var (_, laptop) = await A.SignUpAsync(username);
        var phone = await SignInAsync(A, username, keepSignedIn: true);
        await using var laptopHub = await B.ConnectHubAsync(laptop.Token);
        await using var phoneHub = await B.ConnectHubAsync(phone.Token);
        var laptopClosed = Closing(laptopHub);
        var phoneClosed = Closing(phoneHub);

        using var fromLaptop = A.CreateClient(laptop.Token);
        Assert.Equal(HttpStatusCode.NoContent, (await fromLaptop.DeleteAsync($"/api/me/devices/{phone.DeviceId}")).StatusCode);

        // The phone's access token has minutes to live, and is refused now, on both doors; so is its refresh token.
        Assert.Equal(HttpStatusCode.Unauthorized, await MeStatusAsync(A, phone.Token));
        Assert.Equal(HttpStatusCode.Unauthorized, await MeStatusAsync(B, phone.Token));
        await Problem.ExpectAsync(await RefreshAsync(B, phone.RefreshToken), HttpStatusCode.Unauthorized, "signed_out");
        await phoneClosed.Task.WaitAsync(Patience);
        // Its connection cannot come back with the old token either.
        await using var again = new HubConnectionBuilder()
            .WithUrl(new Uri(B.BaseAddress, "/hubs/deepwork"), options => options.AccessTokenProvider = () => Task.FromResult<string?>(phone.Token)).Build();
        await Assert.ThrowsAnyAsync<Exception>(() => again.StartAsync());

        // The laptop keeps everything.
        await StillServedAsync(laptopHub);
        Assert.False(laptopClosed.Task.IsCompleted);
        Assert.Equal(HttpStatusCode.OK, await MeStatusAsync(B, laptop.Token));
        Assert.Equal([laptop.DeviceId], (await fromLaptop.GetFromJsonAsync<List<DeviceDto>>("/api/me/devices"))!.Select(d => d.Id));
        await Problem.ExpectAsync(await fromLaptop.DeleteAsync($"/api/me/devices/{phone.DeviceId}"), HttpStatusCode.NotFound, "not_found");
    }

    [Fact]
    public async Task Signing_out_everywhere_else_keeps_this_device_and_signing_out_all_ends_it_too()
    {
        var username = NewUsername();
        var (_, here) = await A.SignUpAsync(username);
        var tablet = await SignInAsync(B, username);
        var phone = await SignInAsync(B, username);
        await using var hereHub = await B.ConnectHubAsync(here.Token);
        await using var tabletHub = await B.ConnectHubAsync(tablet.Token);
        var hereClosed = Closing(hereHub);
        var tabletClosed = Closing(tabletHub);

        using var client = A.CreateClient(here.Token);
        var others = await client.PostAsync("/api/me/devices/sign-out-others", null);
        Assert.Equal(2, (await others.Content.ReadFromJsonAsync<SignedOutDto>())!.SignedOut);
        await tabletClosed.Task.WaitAsync(Patience);
        Assert.Equal(HttpStatusCode.Unauthorized, await MeStatusAsync(A, phone.Token));
        await StillServedAsync(hereHub);
        Assert.Equal(HttpStatusCode.OK, await MeStatusAsync(B, here.Token));

        var all = await client.PostAsync("/api/me/devices/sign-out-all", null);
        Assert.Equal(1, (await all.Content.ReadFromJsonAsync<SignedOutDto>())!.SignedOut);
        await hereClosed.Task.WaitAsync(Patience);
        Assert.Equal(HttpStatusCode.Unauthorized, await MeStatusAsync(B, here.Token));
        await Problem.ExpectAsync(await RefreshAsync(A, here.RefreshToken), HttpStatusCode.Unauthorized, "signed_out");
    }

    [Fact]
    public async Task A_refresh_token_expires_after_a_day_unless_kept_signed_in_and_then_after_30_days_unused()
    {
        var username = NewUsername();
        await A.SignUpAsync(username);
        var tab = await SignInAsync(A, username);
        var kept = await SignInAsync(A, username, keepSignedIn: true);
        Assert.InRange(kept.RefreshExpiresAt - tab.RefreshExpiresAt, TimeSpan.FromDays(28.9), TimeSpan.FromDays(29.1));

        fixture.Clock.Advance(TimeSpan.FromDays(1) + TimeSpan.FromMinutes(1));
        await Problem.ExpectAsync(await RefreshAsync(A, tab.RefreshToken), HttpStatusCode.Unauthorized, "signed_out");
        var used = await RefreshedAsync(A, kept.RefreshToken);
        // Each use starts the 30 days again.
        fixture.Clock.Advance(TimeSpan.FromDays(29));
        var stillIn = await RefreshedAsync(B, used.RefreshToken);
        fixture.Clock.Advance(TimeSpan.FromDays(30) + TimeSpan.FromMinutes(1));
        await Problem.ExpectAsync(await RefreshAsync(B, stillIn.RefreshToken), HttpStatusCode.Unauthorized, "signed_out");
    }

    [Fact]
    public async Task Changing_the_password_needs_the_current_one_signs_out_every_other_device_keeps_this_one_and_tells_the_owner()
    {
        var username = NewUsername();
        var email = $"{username}@example.com";
        var (_, here) = await A.SignUpAsync(username);
        var other = await SignInAsync(B, username, keepSignedIn: true);
        await using var hereHub = await B.ConnectHubAsync(here.Token);
        await using var otherHub = await B.ConnectHubAsync(other.Token);
        var hereClosed = Closing(hereHub);
        var otherClosed = Closing(otherHub);
        using var client = A.CreateClient(here.Token);

        await Problem.ExpectAsync(await client.PostAsJsonAsync("/api/me/password", new { currentPassword = "not it", newPassword = "a brand new secret" }),
            HttpStatusCode.Forbidden, "invalid_credentials");
        var weak = await Problem.ExpectAsync(await client.PostAsJsonAsync("/api/me/password", new { currentPassword = Password, newPassword = "short" }),
            HttpStatusCode.BadRequest, "validation_failed");
        Assert.Contains("newPassword", weak.Errors.Keys);
        var missing = await Problem.ExpectAsync(await client.PostAsJsonAsync("/api/me/password", new { newPassword = "a brand new secret" }),
            HttpStatusCode.BadRequest, "validation_failed");
        Assert.Contains("currentPassword", missing.Errors.Keys);
        Assert.Equal(HttpStatusCode.OK, await MeStatusAsync(B, other.Token));

        var changed = await client.PostAsJsonAsync("/api/me/password", new { currentPassword = Password, newPassword = "a brand new secret" });
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.Equal(1, (await changed.Content.ReadFromJsonAsync<SignedOutDto>())!.SignedOut);

        // The other device is out at once, hub connection included; this one keeps its tokens and its connection.
        Assert.Equal(HttpStatusCode.Unauthorized, await MeStatusAsync(A, other.Token));
        await Problem.ExpectAsync(await RefreshAsync(B, other.RefreshToken), HttpStatusCode.Unauthorized, "signed_out");
        await otherClosed.Task.WaitAsync(Patience);
        await StillServedAsync(hereHub);
        Assert.False(hereClosed.Task.IsCompleted);
        Assert.Equal(HttpStatusCode.OK, await MeStatusAsync(B, here.Token));
        Assert.Equal(HttpStatusCode.OK, (await RefreshAsync(A, here.RefreshToken)).StatusCode);

        using var anonymous = A.CreateClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsJsonAsync("/api/auth/login", new { login = username, password = Password })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.PostAsJsonAsync("/api/auth/login", new { login = username, password = "a brand new secret" })).StatusCode);
        await Eventually.HoldsAsync(async () => (await fixture.Smtp.ToAsync(email)).Any(m => m.Subject == "Your DeepWork Map password was changed"),
            Patience, "the mail telling the owner");
        var mail = (await fixture.Smtp.ToAsync(email)).First(m => m.Subject == "Your DeepWork Map password was changed");
        Assert.Contains("every other device was signed out", await fixture.Smtp.PlainTextAsync(mail));
    }

    [Fact]
    public async Task Changing_the_email_tells_the_old_address_and_takes_effect_only_when_the_new_one_confirms()
    {
        var username = NewUsername();
        var oldEmail = $"{username}@example.com";
        var newEmail = $"new-{username}@example.org";
        var (client, auth) = await A.SignUpAsync(username);
        var (_, taken) = await A.SignUpAsync(NewUsername());

        await Problem.ExpectAsync(await client.PostAsJsonAsync("/api/me/email", new { email = newEmail, password = "not it" }),
            HttpStatusCode.Forbidden, "invalid_credentials");
        await Problem.ExpectAsync(await client.PostAsJsonAsync("/api/me/email", new { email = $"{taken.User.Username}@EXAMPLE.com", password = Password }),
            HttpStatusCode.Conflict, "email_taken");
        await Problem.ExpectAsync(await client.PostAsJsonAsync("/api/me/email", new { email = oldEmail.ToUpperInvariant(), password = Password }),
            HttpStatusCode.BadRequest, "validation_failed");
        await Problem.ExpectAsync(await client.PostAsJsonAsync("/api/me/email", new { email = "not an address", password = Password }),
            HttpStatusCode.BadRequest, "validation_failed");
        Assert.Equal(HttpStatusCode.Accepted, (await client.PostAsJsonAsync("/api/me/email", new { email = newEmail, password = Password })).StatusCode);

        // The old address is told where the account is going; the new one gets the link.
        await Eventually.HoldsAsync(async () => (await fixture.Smtp.ToAsync(oldEmail)).Any(m => m.Subject == "Your DeepWork Map email address is being changed"),
            Patience, "the notice to the old address");
        var notice = (await fixture.Smtp.ToAsync(oldEmail)).First(m => m.Subject == "Your DeepWork Map email address is being changed");
        Assert.Contains(newEmail, await fixture.Smtp.PlainTextAsync(notice));
        var token = await fixture.Smtp.TokenAsync(newEmail, "Confirm your new email address", "verify");

        // Until then nothing changed.
        var me = (await client.GetFromJsonAsync<MeDto>("/api/me"))!;
        Assert.Equal(oldEmail, me.Email);
        using var anonymous = A.CreateClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsJsonAsync("/api/auth/login", new { login = newEmail, password = Password })).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await anonymous.PostAsJsonAsync("/api/auth/verify-email", new { token })).StatusCode);
        me = (await client.GetFromJsonAsync<MeDto>("/api/me"))!;
        Assert.Equal(newEmail, me.Email);
        Assert.True(me.EmailVerified);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.PostAsJsonAsync("/api/auth/login", new { login = newEmail, password = Password })).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsJsonAsync("/api/auth/login", new { login = oldEmail, password = Password })).StatusCode);
        await Problem.ExpectAsync(await anonymous.PostAsJsonAsync("/api/auth/verify-email", new { token }), HttpStatusCode.BadRequest, "invalid_token");
        // The old address can no longer reset the password.
        Assert.Equal(HttpStatusCode.Accepted, (await anonymous.PostAsJsonAsync("/api/auth/password-reset", new { email = oldEmail })).StatusCode);
        Assert.Equal(auth.User.Id, me.Id);
    }

    [Fact]
    public async Task Changing_the_password_cancels_an_address_change_someone_else_asked_for()
    {
        var username = NewUsername();
        var attackerEmail = $"thief-{username}@example.org";
        var (owner, _) = await A.SignUpAsync(username);
        var thief = await SignInAsync(B, username);
        using var thiefClient = B.CreateClient(thief.Token);
        Assert.Equal(HttpStatusCode.Accepted, (await thiefClient.PostAsJsonAsync("/api/me/email", new { email = attackerEmail, password = Password })).StatusCode);
        var token = await fixture.Smtp.TokenAsync(attackerEmail, "Confirm your new email address", "verify");

        Assert.Equal(HttpStatusCode.OK, (await owner.PostAsJsonAsync("/api/me/password", new { currentPassword = Password, newPassword = "a brand new secret" })).StatusCode);

        using var anonymous = A.CreateClient();
        await Problem.ExpectAsync(await anonymous.PostAsJsonAsync("/api/auth/verify-email", new { token }), HttpStatusCode.BadRequest, "invalid_token");
        Assert.Equal($"{username}@example.com", (await owner.GetFromJsonAsync<MeDto>("/api/me"))!.Email);
    }

    [Fact]
    public async Task Changing_the_password_ends_a_reset_link_asked_for_before()
    {
        var username = NewUsername();
        var email = $"{username}@example.com";
        var (owner, _) = await A.SignUpAsync(username);
        using var anonymous = A.CreateClient();
        Assert.Equal(HttpStatusCode.Accepted, (await anonymous.PostAsJsonAsync("/api/auth/password-reset", new { email })).StatusCode);
        var token = await fixture.Smtp.TokenAsync(email, "Reset your DeepWork Map password", "reset");

        Assert.Equal(HttpStatusCode.OK, (await owner.PostAsJsonAsync("/api/me/password", new { currentPassword = Password, newPassword = "a brand new secret" })).StatusCode);

        await Problem.ExpectAsync(await anonymous.PostAsJsonAsync("/api/auth/password-reset/confirm", new { token, password = "the link's password" }),
            HttpStatusCode.BadRequest, "invalid_token");
        Assert.Equal(HttpStatusCode.OK, (await anonymous.PostAsJsonAsync("/api/auth/login", new { login = username, password = "a brand new secret" })).StatusCode);
    }

    /// <summary>
    /// Logins with the old password keep running on both front doors while the owner resets it. Whichever of them answered
    /// 200, before or after the reset's own answer, holds a device the reset must have ended: none may refresh or call.
    /// </summary>
    [Fact]
    public async Task A_login_that_raced_a_password_reset_does_not_outlive_it()
    {
        var username = NewUsername();
        var email = $"{username}@example.com";
        await A.SignUpAsync(username);
        using var anonymous = A.CreateClient();
        Assert.Equal(HttpStatusCode.Accepted, (await anonymous.PostAsJsonAsync("/api/auth/password-reset", new { email })).StatusCode);
        var token = await fixture.Smtp.TokenAsync(email, "Reset your DeepWork Map password", "reset");

        using var stop = new CancellationTokenSource();
        var signedIn = new System.Collections.Concurrent.ConcurrentBag<AuthResult>();
        async Task KeepLoggingInAsync(RunningServer server)
        {
            using var client = server.CreateClient();
            while (!stop.IsCancellationRequested)
            {
                var response = await client.PostAsJsonAsync("/api/auth/login", new { login = username, password = Password, keepSignedIn = true });
                if (response.StatusCode == HttpStatusCode.OK) signedIn.Add((await response.Content.ReadFromJsonAsync<AuthResult>())!);
                else await Task.Delay(20);
            }
        }
        var logins = new[] { A, B, A, B }.Select(KeepLoggingInAsync).ToArray();
        await Eventually.HoldsAsync(() => Task.FromResult(signedIn.Count >= 4), Patience, "logins under way");

        Assert.Equal(HttpStatusCode.NoContent,
            (await anonymous.PostAsJsonAsync("/api/auth/password-reset/confirm", new { token, password = "a brand new secret" })).StatusCode);
        await Task.Delay(TimeSpan.FromSeconds(1));
        await stop.CancelAsync();
        await Task.WhenAll(logins);

        foreach (var login in signedIn)
        {
            await Problem.ExpectAsync(await RefreshAsync(B, login.RefreshToken), HttpStatusCode.Unauthorized, "signed_out");
            Assert.Equal(HttpStatusCode.Unauthorized, await MeStatusAsync(A, login.Token));
        }
    }

    [Fact]
    public async Task A_password_reset_signs_out_every_device_refresh_tokens_included()
    {
        var username = NewUsername();
        var email = $"{username}@example.com";
        var (firstClient, first) = await A.SignUpAsync(username);
        var feed = new Uri((await firstClient.GetFromJsonAsync<MeDto>("/api/me"))!.CalendarFeedUrl!).PathAndQuery;
        var kept = await SignInAsync(B, username, keepSignedIn: true);
        using var anonymous = A.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync(feed)).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await anonymous.PostAsJsonAsync("/api/auth/password-reset", new { email })).StatusCode);
        var token = await fixture.Smtp.TokenAsync(email, "Reset your DeepWork Map password", "reset");
        Assert.Equal(HttpStatusCode.NoContent,
            (await anonymous.PostAsJsonAsync("/api/auth/password-reset/confirm", new { token, password = "a brand new secret" })).StatusCode);

        await Problem.ExpectAsync(await RefreshAsync(B, kept.RefreshToken), HttpStatusCode.Unauthorized, "signed_out");
        await Problem.ExpectAsync(await RefreshAsync(A, first.RefreshToken), HttpStatusCode.Unauthorized, "signed_out");
        // The calendar feed, which shows where the owner will be, moves to a new address: the old one is gone.
        await Problem.ExpectAsync(await anonymous.GetAsync(feed), HttpStatusCode.NotFound, "not_found");
    }
}
