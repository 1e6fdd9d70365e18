using System.Net.Http.Json;
using System.Text.Json;
using DeepWorkMap.IntegrationTests.Infrastructure;

namespace DeepWorkMap.IntegrationTests.Push;

/// <summary>What the push tests do as a browser and as the people behind it.</summary>
public static class PushDevices
{
    /// <summary>A browser subscribed at the push service and registered with the server, as the page does it.</summary>
    public static async Task<WebPushTesting.Subscription> SubscribeAsync(HttpClient user, WebPushTesting pushService, string publicKey)
    {
        var subscription = await pushService.SubscribeAsync(publicKey);
        var answer = await user.PostAsJsonAsync("/api/me/push-subscriptions", new { endpoint = subscription.Endpoint, keys = subscription.Keys });
        Assert.Equal(System.Net.HttpStatusCode.NoContent, answer.StatusCode);
        return subscription;
    }

    /// <summary>A session of <paramref name="host"/>'s that <paramref name="joiners"/> join and the host then cancels: one notification each.</summary>
    public static async Task<Contracts.Api.SessionDto> CancelledWithAsync(HttpClient host, params HttpClient[] joiners)
    {
        var session = await RunningServer.CreateSessionAsync(host, maxParticipants: joiners.Length + 1, startInMinutes: 120);
        foreach (var joiner in joiners) (await joiner.PostAsJsonAsync($"/api/sessions/{session.Id}/join", new { })).EnsureSuccessStatusCode();
        (await host.PostAsJsonAsync($"/api/sessions/{session.Id}/cancel", new { reason = "Flu" })).EnsureSuccessStatusCode();
        return session;
    }

    /// <summary>The pushes of <paramref name="subscription"/> about <paramref name="sessionId"/>.</summary>
    public static async Task<IReadOnlyList<JsonElement>> AboutAsync(WebPushTesting pushService, WebPushTesting.Subscription subscription, Guid sessionId) =>
        (await pushService.MessagesAsync(subscription)).Where(m => m.GetProperty("url").GetString() == $"/?session={sessionId}").ToList();
}
