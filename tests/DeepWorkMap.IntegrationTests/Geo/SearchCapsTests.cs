using System.Net;
using System.Net.Http.Json;
using DeepWorkMap.Contracts.Api;
using DeepWorkMap.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace DeepWorkMap.IntegrationTests.Geo;

/// <summary>Signed-in searching and live-map watching are capped too: per user for REST searches, per hub connection for watches.</summary>
public sealed class SearchCapsTests
{
    private static readonly object Square = new
    {
        type = "Polygon", coordinates = new[] { new[] { new[] { 13.3, 52.4 }, new[] { 13.5, 52.4 }, new[] { 13.5, 52.6 }, new[] { 13.3, 52.6 }, new[] { 13.3, 52.4 } } },
    };

    [Fact]
    public async Task Nearby_in_view_and_in_area_share_one_budget_per_signed_in_user()
    {
        await using var server = await RunningServer.StartAsync(new Dictionary<string, string?> { ["Sessions:SearchesPerUserPerMinute"] = "3" });
        var (user, _) = await server.SignUpAsync();
        (await user.GetAsync("/api/sessions/nearby?lat=52.5&lng=13.4&radiusKm=5")).EnsureSuccessStatusCode();
        (await user.GetAsync("/api/sessions/in-view?bbox=13.3,52.4,13.5,52.6&zoom=12")).EnsureSuccessStatusCode();
        (await user.PostAsJsonAsync("/api/sessions/in-area", Square)).EnsureSuccessStatusCode();
        await Problem.ExpectAsync(await user.GetAsync("/api/sessions/nearby?lat=52.5&lng=13.4&radiusKm=5"), HttpStatusCode.TooManyRequests, "rate_limited");
        await Problem.ExpectAsync(await user.GetAsync("/api/sessions/in-view?bbox=13.3,52.4,13.5,52.6&zoom=12"), HttpStatusCode.TooManyRequests, "rate_limited");
        await Problem.ExpectAsync(await user.PostAsJsonAsync("/api/sessions/in-area", Square), HttpStatusCode.TooManyRequests, "rate_limited");

        // Another user has a budget of their own, and callers without a token are counted per address instead.
        var (other, _) = await server.SignUpAsync();
        (await other.GetAsync("/api/sessions/nearby?lat=52.5&lng=13.4&radiusKm=5")).EnsureSuccessStatusCode();
        using var anonymous = server.CreateClient();
        for (var i = 0; i < 5; i++) (await anonymous.GetAsync("/api/sessions/nearby?lat=52.5&lng=13.4&radiusKm=5")).EnsureSuccessStatusCode();
    }

    [Fact]
    public async Task WatchArea_and_WatchView_are_capped_per_connection()
    {
        await using var server = await RunningServer.StartAsync(new Dictionary<string, string?> { ["Realtime:MapWatchesPerConnectionPerMinute"] = "2" });
        var (_, auth) = await server.SignUpAsync();
        await using var connection = await server.ConnectHubAsync(auth.Token);
        await connection.InvokeAsync<ItemsDto<SessionDto>>("WatchArea", 52.5, 13.4, 5.0);
        await connection.InvokeAsync<ViewPage>("WatchView", "13.3,52.4,13.5,52.6", 12);
        var refused = await Assert.ThrowsAsync<HubException>(() => connection.InvokeAsync<ViewPage>("WatchView", "13.3,52.4,13.5,52.6", 12));
        Assert.Contains("HubException: rate_limited: ", refused.Message);
        refused = await Assert.ThrowsAsync<HubException>(() => connection.InvokeAsync<ItemsDto<SessionDto>>("WatchArea", 52.5, 13.4, 5.0));
        Assert.Contains("HubException: rate_limited: ", refused.Message);

        // The refusal ends nothing: the connection still works, and another connection has its own budget.
        await connection.InvokeAsync("UnwatchArea");
        await using var second = await server.ConnectHubAsync(auth.Token);
        await second.InvokeAsync<ViewPage>("WatchView", "13.3,52.4,13.5,52.6", 12);
    }
}
