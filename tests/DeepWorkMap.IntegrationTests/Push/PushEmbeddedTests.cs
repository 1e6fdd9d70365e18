using System.Net.Http.Json;
using System.Text.Json;
using DeepWorkMap.IntegrationTests.Infrastructure;

namespace DeepWorkMap.IntegrationTests.Push;

/// <summary>
/// Embedded mode pushes from memory, with a key pair it makes at start-up and gives the page; a cluster without keys
/// offers no push; a wrong <c>Push</c> setting stops the server naming the key.
/// </summary>
public sealed class PushEmbeddedTests
{
    [Fact]
    public async Task Embedded_mode_makes_its_own_key_pair_and_pushes_from_memory()
    {
        await using var pushService = await WebPushTesting.StartAsync();
        await using var server = await RunningServer.StartAsync(new Dictionary<string, string?>
        {
            ["Push:TestOrigin"] = pushService.Origin, ["Push:PollSeconds"] = "1",
        });
        using var anonymous = server.CreateClient();
        var config = await anonymous.GetFromJsonAsync<JsonElement>("/app-config.json");
        var publicKey = config.GetProperty("pushPublicKey").GetString()!;
        Assert.Equal(87, publicKey.Length);

        var (host, _) = await server.SignUpAsync();
        var (reader, _) = await server.SignUpAsync();
        var browser = await PushDevices.SubscribeAsync(reader, pushService, publicKey);
        var session = await PushDevices.CancelledWithAsync(host, reader);
        await Eventually.HoldsAsync(async () => (await PushDevices.AboutAsync(pushService, browser, session.Id)).Count == 1, TimeSpan.FromSeconds(60), "the push");
    }

    [Fact]
    public async Task A_cluster_without_keys_offers_no_push()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var server = await RunningServer.StartAsync(RunningServer.Durable(database));
        using var anonymous = server.CreateClient();
        var config = await anonymous.GetFromJsonAsync<JsonElement>("/app-config.json");
        Assert.Equal(JsonValueKind.Null, config.GetProperty("pushPublicKey").ValueKind);
        var (user, _) = await server.SignUpAsync();
        var answer = await user.PostAsJsonAsync("/api/me/push-subscriptions", new
        {
            endpoint = "https://push.example.org/x", keys = new { p256dh = PushServerFixture.Keys.PublicKey, auth = "AAAAAAAAAAAAAAAAAAAAAA" },
        });
        await Problem.ExpectAsync(answer, System.Net.HttpStatusCode.ServiceUnavailable, "unavailable");
    }

    [Theory]
    [InlineData("Push:VapidPublicKey", "Push:VapidPrivateKey is required with Push:VapidPublicKey")]
    [InlineData("Push:VapidPrivateKey", "Push:VapidPublicKey is required with Push:VapidPrivateKey")]
    public async Task Half_a_key_pair_stops_the_server_naming_the_other_half(string key, string said)
    {
        var value = key.EndsWith("PublicKey", StringComparison.Ordinal) ? PushServerFixture.Keys.PublicKey : PushServerFixture.Keys.PrivateKey;
        var error = await Assert.ThrowsAnyAsync<Exception>(() => RunningServer.StartAsync(new Dictionary<string, string?> { [key] = value }));
        Assert.Contains(said, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Keys_that_are_not_one_pair_or_a_wrong_subject_stop_the_server()
    {
        var other = DeepWorkMap.Server.Push.VapidKeys.Generate("mailto:x@example.org");
        var error = await Assert.ThrowsAnyAsync<Exception>(() => RunningServer.StartAsync(new Dictionary<string, string?>
        {
            ["Push:VapidPublicKey"] = PushServerFixture.Keys.PublicKey, ["Push:VapidPrivateKey"] = other.PrivateKey,
        }));
        Assert.Contains("Push:VapidPublicKey and Push:VapidPrivateKey must be one P-256 key pair", error.Message, StringComparison.Ordinal);
        error = await Assert.ThrowsAnyAsync<Exception>(() => RunningServer.StartAsync(new Dictionary<string, string?> { ["Push:Subject"] = "ops@example.org" }));
        Assert.Contains("Push:Subject must be a mailto: or https: address", error.Message, StringComparison.Ordinal);
    }
}
