using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace DeepWorkMap.IntegrationTests.Infrastructure;

/// <summary>
/// A real Web Push service stand-in: the npm <c>web-push-testing</c> server (from node_modules), started by the test on a
/// free port and stopped with it. It hands out subscriptions with real keys, accepts a push only when it carries a valid
/// VAPID signature for the key the subscription was made with and decrypts (aes128gcm), and gives back what it decrypted.
/// </summary>
public sealed class WebPushTesting : IAsyncDisposable
{
    /// <summary>A subscription as a browser would hand it to the page (<c>PushSubscription.toJSON()</c>), and the stand-in's handle on it.</summary>
    public sealed record Subscription(
        [property: JsonPropertyName("endpoint")] string Endpoint,
        [property: JsonPropertyName("keys")] SubscriptionKeys Keys,
        [property: JsonPropertyName("clientHash")] string ClientHash);

    public sealed record SubscriptionKeys([property: JsonPropertyName("p256dh")] string P256dh, [property: JsonPropertyName("auth")] string Auth);

    private sealed record Answer<T>([property: JsonPropertyName("data")] T Data);

    private sealed record Messages([property: JsonPropertyName("messages")] List<string> Items);

    private readonly Process _process;
    private readonly HttpClient _api;

    private WebPushTesting(Process process, int port)
    {
        _process = process;
        Origin = $"http://localhost:{port}";
        _api = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/"), Timeout = TimeSpan.FromSeconds(30) };
    }

    /// <summary>Where its endpoints are: the server's <c>Push:TestOrigin</c>.</summary>
    public string Origin { get; }

    public static async Task<WebPushTesting> StartAsync()
    {
        Assert.True(Directory.Exists(Path.Combine(RepositoryRoot.Path, "node_modules", "web-push-testing")),
            "node_modules/web-push-testing is missing: run `npm ci` in the repository root (./test.sh does).");
        var port = FreePort.Next();
        // Its own server script, not the CLI: the CLI detaches the server and keeps its pid in a file of its own.
        var start = new ProcessStartInfo("node") { WorkingDirectory = RepositoryRoot.Path, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("node_modules/web-push-testing/src/bin/server.js");
        start.ArgumentList.Add(port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new WebPushTesting(process, port);
        await Eventually.HoldsAsync(async () =>
        {
            Assert.False(process.HasExited, "web-push-testing exited while starting");
            try
            {
                return (await server._api.PostAsync("status", null)).IsSuccessStatusCode;
            }
            catch (HttpRequestException)
            {
                return false;
            }
        }, TimeSpan.FromSeconds(60), "web-push-testing answering");
        return server;
    }

    /// <summary>A new subscription bound to <paramref name="applicationServerKey"/>, as <c>pushManager.subscribe</c> makes one.</summary>
    public async Task<Subscription> SubscribeAsync(string applicationServerKey)
    {
        var response = await _api.PostAsJsonAsync("subscribe", new { applicationServerKey });
        return (await response.EnsureSuccessStatusCode().Content.ReadFromJsonAsync<Answer<Subscription>>())!.Data;
    }

    /// <summary>From now on the stand-in answers pushes to it with 410 Gone, as a service does for a browser that unsubscribed.</summary>
    public async Task ExpireAsync(Subscription subscription) =>
        (await _api.PostAsync($"expire-subscription/{subscription.ClientHash}", null)).EnsureSuccessStatusCode();

    /// <summary>Every push it accepted for the subscription, decrypted, in order of arrival.</summary>
    public async Task<IReadOnlyList<JsonElement>> MessagesAsync(Subscription subscription)
    {
        var response = await _api.PostAsJsonAsync("get-notifications", new { clientHash = subscription.ClientHash });
        var messages = (await response.EnsureSuccessStatusCode().Content.ReadFromJsonAsync<Answer<Messages>>())!.Data.Items;
        return messages.Select(text => JsonDocument.Parse(text).RootElement.Clone()).ToList();
    }

    public async ValueTask DisposeAsync()
    {
        _api.Dispose();
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
        _process.Dispose();
    }
}
