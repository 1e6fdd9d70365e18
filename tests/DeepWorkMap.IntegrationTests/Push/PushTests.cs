using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using DeepWorkMap.Contracts.Api;
using DeepWorkMap.IntegrationTests.Infrastructure;

namespace DeepWorkMap.IntegrationTests.Push;

/// <summary>
/// Web Push against a real push service stand-in (web-push-testing): a stored notification reaches every browser its
/// owner subscribed, encrypted for that browser and signed with the server's VAPID key, once; muted kinds and closed
/// accounts get nothing; a subscription the service calls gone is dropped; bad subscriptions are refused with codes.
/// </summary>
public sealed class PushTests(PushServerFixture fixture) : IClassFixture<PushServerFixture>
{
    private RunningServer Server => fixture.Server;
    private WebPushTesting PushService => fixture.PushService;
    private static string PublicKey => PushServerFixture.Keys.PublicKey;

    private async Task<HttpClient> UserAsync(string timeZone = "UTC", string[]? mutedKinds = null)
    {
        var (client, _) = await Server.SignUpAsync();
        (await client.PutAsJsonAsync("/api/me/preferences", new { reminderMinutes = (int?)null, timeZone, mutedKinds })).EnsureSuccessStatusCode();
        return client;
    }

    [Fact]
    public async Task A_notification_reaches_every_browser_of_its_owner_once_decrypted_with_its_start_in_their_zone()
    {
        var host = await UserAsync();
        var tokyo = await UserAsync("Asia/Tokyo");
        var phone = await PushDevices.SubscribeAsync(tokyo, PushService, PublicKey);
        var laptop = await PushDevices.SubscribeAsync(tokyo, PushService, PublicKey);
        var muting = await UserAsync(mutedKinds: ["session_cancelled"]);
        var mutedBrowser = await PushDevices.SubscribeAsync(muting, PushService, PublicKey);

        var session = await PushDevices.CancelledWithAsync(host, tokyo, muting);

        await Eventually.HoldsAsync(async () => (await PushDevices.AboutAsync(PushService, phone, session.Id)).Count >= 1
            && (await PushDevices.AboutAsync(PushService, laptop, session.Id)).Count >= 1, TimeSpan.FromSeconds(60), "the push on both browsers");
        var inbox = (await tokyo.GetFromJsonAsync<NotificationPage>("/api/me/notifications"))!.Items.Single(n => n.SessionId == session.Id);
        var push = (await PushDevices.AboutAsync(PushService, phone, session.Id)).Single();
        Assert.Equal(inbox.Id, push.GetProperty("id").GetGuid());
        Assert.Equal("session_cancelled", push.GetProperty("kind").GetString());
        Assert.Equal($"{session.Title} is cancelled", push.GetProperty("title").GetString());
        Assert.Equal(session.StartTime, push.GetProperty("startTime").GetDateTimeOffset());
        var tokyoStart = session.StartTime.ToOffset(TimeSpan.FromHours(9)); // Japan has no daylight saving time.
        var body = push.GetProperty("body").GetString()!;
        Assert.Contains("Flu", body);
        Assert.Contains($"{tokyoStart.ToString("HH:mm", CultureInfo.InvariantCulture)} (Asia/Tokyo)", body);

        // A later push to the same browsers is the barrier: pushes go oldest first, so a second copy would be in by then.
        var later = await PushDevices.CancelledWithAsync(host, tokyo, muting);
        await Eventually.HoldsAsync(async () => (await PushDevices.AboutAsync(PushService, laptop, later.Id)).Count >= 1
            && (await PushDevices.AboutAsync(PushService, phone, later.Id)).Count >= 1, TimeSpan.FromSeconds(60), "the barrier push");
        Assert.Single(await PushDevices.AboutAsync(PushService, phone, session.Id));
        Assert.Single(await PushDevices.AboutAsync(PushService, laptop, session.Id));
        Assert.Empty(await PushService.MessagesAsync(mutedBrowser));
    }

    [Fact]
    public async Task A_kind_muted_after_its_notification_was_stored_is_not_pushed()
    {
        var (user, auth) = await Server.SignUpAsync();
        (await user.PutAsJsonAsync("/api/me/preferences", new { reminderMinutes = (int?)null, timeZone = "UTC", mutedKinds = new[] { "session_changed" } }))
            .EnsureSuccessStatusCode();
        var browser = await PushDevices.SubscribeAsync(user, PushService, PublicKey);
        // Rows as the user grain stores them, the first as if stored just before the mute was saved: the pusher decides on
        // the mute as it is when it pushes.
        async Task StoreAsync(string kind, Guid sessionId) => await fixture.Database.ScalarAsync<Guid>(
            "INSERT INTO notifications (id, user_id, kind, subject_id, occurrence, title, body, session_id, created_at) " +
            "VALUES ($1, $2, $3, $4, 'o', 'A title', 'A body', $4, clock_timestamp()) RETURNING id",
            Guid.CreateVersion7(), auth.User.Id, kind, sessionId);
        var muted = Guid.NewGuid();
        var barrier = Guid.NewGuid();
        await StoreAsync("session_changed", muted);
        await StoreAsync("session_cancelled", barrier);
        await Eventually.HoldsAsync(async () => (await PushDevices.AboutAsync(PushService, browser, barrier)).Count == 1, TimeSpan.FromSeconds(60), "the unmuted push");
        Assert.Empty(await PushDevices.AboutAsync(PushService, browser, muted));
    }

    [Fact]
    public async Task A_browser_the_push_service_calls_gone_is_dropped_and_the_others_still_hear()
    {
        var (host, _) = await Server.SignUpAsync();
        var (reader, auth) = await Server.SignUpAsync();
        var gone = await PushDevices.SubscribeAsync(reader, PushService, PublicKey);
        var kept = await PushDevices.SubscribeAsync(reader, PushService, PublicKey);
        await PushService.ExpireAsync(gone);

        var session = await PushDevices.CancelledWithAsync(host, reader);
        await Eventually.HoldsAsync(async () => (await PushDevices.AboutAsync(PushService, kept, session.Id)).Count == 1, TimeSpan.FromSeconds(60), "the kept browser's push");
        await Eventually.HoldsAsync(async () => await fixture.Database.ScalarAsync<long>(
            "SELECT count(*) FROM push_subscriptions WHERE user_id = $1 AND endpoint = $2", auth.User.Id, gone.Endpoint) == 0,
            TimeSpan.FromSeconds(30), "the gone subscription removed");
        Assert.Equal(1, await fixture.Database.ScalarAsync<long>("SELECT count(*) FROM push_subscriptions WHERE user_id = $1", auth.User.Id));
        Assert.Equal(0, await fixture.Database.ScalarAsync<long>(
            "SELECT count(*) FROM push_deliveries d JOIN push_subscriptions s ON s.id = d.subscription_id WHERE s.user_id = $1", auth.User.Id));
    }

    [Fact]
    public async Task Bad_subscriptions_are_refused_with_the_field_at_fault_and_the_cap_holds()
    {
        var (user, _) = await Server.SignUpAsync();
        var real = await PushService.SubscribeAsync(PublicKey);
        async Task RefusedAsync(object body, string field)
        {
            var problem = await Problem.ExpectAsync(await user.PostAsJsonAsync("/api/me/push-subscriptions", body), HttpStatusCode.BadRequest, "validation_failed");
            Assert.Contains(field, problem.Errors.Keys);
        }
        await RefusedAsync(new { }, "endpoint");
        await RefusedAsync(new { endpoint = "http://push.example.org/x", keys = real.Keys }, "endpoint"); // not https
        await RefusedAsync(new { endpoint = "https://127.0.0.1/x", keys = real.Keys }, "endpoint"); // an address, not a push service
        await RefusedAsync(new { endpoint = "https://localhost/x", keys = real.Keys }, "endpoint");
        await RefusedAsync(new { endpoint = "https://push.example.org:8443/x", keys = real.Keys }, "endpoint");
        await RefusedAsync(new { endpoint = real.Endpoint, keys = new { p256dh = real.Keys.P256dh[..40], auth = real.Keys.Auth } }, "keys.p256dh");
        await RefusedAsync(new { endpoint = real.Endpoint, keys = new { p256dh = real.Keys.P256dh, auth = "not base64url!" } }, "keys.auth");
        await Problem.ExpectAsync(await Server.CreateClient().PostAsJsonAsync("/api/me/push-subscriptions", new { endpoint = real.Endpoint, keys = real.Keys }),
            HttpStatusCode.Unauthorized, "unauthorized");

        var browsers = new List<WebPushTesting.Subscription>();
        for (var i = 0; i < 10; i++) browsers.Add(await PushDevices.SubscribeAsync(user, PushService, PublicKey));
        var eleventh = await PushService.SubscribeAsync(PublicKey);
        await Problem.ExpectAsync(await user.PostAsJsonAsync("/api/me/push-subscriptions", new { endpoint = eleventh.Endpoint, keys = eleventh.Keys }),
            HttpStatusCode.Conflict, "limit_reached");
        // The same browser again renews its keys, cap or not; one turned off frees a place.
        Assert.Equal(HttpStatusCode.NoContent, (await user.PostAsJsonAsync("/api/me/push-subscriptions", new { endpoint = browsers[0].Endpoint, keys = browsers[0].Keys })).StatusCode);
        var off = new HttpRequestMessage(HttpMethod.Delete, "/api/me/push-subscriptions") { Content = JsonContent.Create(new { endpoint = browsers[0].Endpoint }) };
        Assert.Equal(HttpStatusCode.NoContent, (await user.SendAsync(off)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await user.PostAsJsonAsync("/api/me/push-subscriptions", new { endpoint = eleventh.Endpoint, keys = eleventh.Keys })).StatusCode);
    }

    [Fact]
    public async Task Someone_else_cannot_turn_off_your_browser_and_closing_the_account_removes_its_browsers()
    {
        var (host, _) = await Server.SignUpAsync();
        var (owner, ownerAuth) = await Server.SignUpAsync();
        var (stranger, _) = await Server.SignUpAsync();
        var browser = await PushDevices.SubscribeAsync(owner, PushService, PublicKey);
        var off = new HttpRequestMessage(HttpMethod.Delete, "/api/me/push-subscriptions") { Content = JsonContent.Create(new { endpoint = browser.Endpoint }) };
        Assert.Equal(HttpStatusCode.NoContent, (await stranger.SendAsync(off)).StatusCode); // it says nothing of whose endpoint it is
        var session = await PushDevices.CancelledWithAsync(host, owner);
        await Eventually.HoldsAsync(async () => (await PushDevices.AboutAsync(PushService, browser, session.Id)).Count == 1, TimeSpan.FromSeconds(60), "the owner's push");

        var close = new HttpRequestMessage(HttpMethod.Delete, "/api/me") { Content = JsonContent.Create(new { password = "correct horse battery" }) };
        Assert.Equal(HttpStatusCode.NoContent, (await owner.SendAsync(close)).StatusCode);
        Assert.Equal(0, await fixture.Database.ScalarAsync<long>("SELECT count(*) FROM push_subscriptions WHERE user_id = $1", ownerAuth.User.Id));
    }
}
