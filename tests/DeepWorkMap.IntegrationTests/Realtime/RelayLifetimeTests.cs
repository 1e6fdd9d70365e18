using DeepWorkMap.Contracts.Api;
using DeepWorkMap.Server.Realtime;
using DeepWorkMap.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.SignalR.Client;

namespace DeepWorkMap.IntegrationTests.Realtime;

/// <summary>A front door listens only to what its connected clients need, and lets go when the last one leaves.</summary>
public sealed class RelayLifetimeTests
{
    [Fact]
    public async Task The_front_door_watches_sessions_and_regions_only_while_a_client_needs_them()
    {
        await using var server = await RunningServer.StartAsync();
        var sessions = server.Services.GetRequiredService<SessionRelay>();
        var areas = server.Services.GetRequiredService<AreaRelay>();
        var (host, auth) = await server.SignUpAsync();
        var session = await RunningServer.CreateSessionAsync(host);
        Assert.Equal((0, 0), (sessions.WatchedSessions, areas.WatchedRegions));

        var first = await server.ConnectHubAsync(auth.Token);
        var second = await server.ConnectHubAsync(auth.Token);
        foreach (var connection in new[] { first, second })
        {
            await connection.InvokeAsync<SubscribeResult>("SubscribeSession", session.Id.ToString());
            await connection.InvokeAsync<ItemsDto<SessionDto>>("WatchArea", session.Latitude, session.Longitude, 5.0);
        }
        Assert.Equal(1, sessions.WatchedSessions);
        var regions = areas.WatchedRegions;
        Assert.InRange(regions, 1, 4);

        // One client leaves: the other still needs everything.
        await first.InvokeAsync("UnsubscribeSession", session.Id.ToString());
        await first.InvokeAsync("UnwatchArea");
        Assert.Equal((1, regions), (sessions.WatchedSessions, areas.WatchedRegions));

        // The last one disconnects: nothing is watched any more.
        await second.DisposeAsync();
        await Eventually.HoldsAsync(() => Task.FromResult(sessions.WatchedSessions == 0 && areas.WatchedRegions == 0), TimeSpan.FromSeconds(10), "the relays letting go");
        await first.DisposeAsync();
    }
}
