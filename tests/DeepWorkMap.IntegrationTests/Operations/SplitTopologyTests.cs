using System.Net;
using System.Net.Http.Json;
using DeepWorkMap.Contracts.Api;
using DeepWorkMap.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.SignalR.Client;

namespace DeepWorkMap.IntegrationTests.Operations;

/// <summary>
/// Two silos hosting the grains and two front doors serving the API and the hub as Orleans clients, each a process:
/// chat pushed through client front doors, then a silo killed, then a front door killed, with nothing lost.
/// </summary>
[Trait("Category", "SiloProcesses")]
public sealed class SplitTopologyTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(45);

    [Fact]
    public async Task Client_front_doors_carry_the_live_path_and_the_topology_survives_losing_a_silo_and_a_front_door()
    {
        await using var database = await TestDatabase.CreateAsync();
        var clusterId = "split-" + Guid.NewGuid().ToString("N")[..8];
        await using var silo1 = SiloProcess.Create("split-silo1", database, clusterId, role: "silo");
        await using var silo2 = SiloProcess.Create("split-silo2", database, clusterId, role: "silo");
        await using var door1 = SiloProcess.Create("split-door1", database, clusterId, role: "frontdoor");
        await using var door2 = SiloProcess.Create("split-door2", database, clusterId, role: "frontdoor");
        silo1.Start();
        silo2.Start();
        await Task.WhenAll(silo1.WaitReadyAsync(TimeSpan.FromSeconds(90)), silo2.WaitReadyAsync(TimeSpan.FromSeconds(90)));
        door1.Start();
        door2.Start();
        await Task.WhenAll(door1.WaitReadyAsync(TimeSpan.FromSeconds(90)), door2.WaitReadyAsync(TimeSpan.FromSeconds(90)));

        // Ready is "a silo answers"; the first grain calls may still meet a cluster settling (503, try again): wait them out.
        foreach (var door in new[] { door1, door2 })
        {
            using var anonymous = door.CreateClient();
            await Eventually.HoldsAsync(async () => (await anonymous.GetAsync("/api/sessions/nearby?lat=0&lng=0&radiusKm=1")).IsSuccessStatusCode,
                Patience, $"{door.Name} answering searches");
        }

        // A silo of the split serves its health and nothing else: not the API, and not the page that would call it.
        using (var direct = silo1.CreateClient())
        {
            Assert.Equal(HttpStatusCode.NotFound, (await direct.GetAsync("/api/sessions/nearby?lat=0&lng=0&radiusKm=1")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await direct.GetAsync("/")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await direct.GetAsync("/app.js")).StatusCode);
        }

        var suffix = clusterId[^6..];
        var ada = await door1.SignUpAsync("ada" + suffix);
        var ben = await door2.SignUpAsync("ben" + suffix);
        using var adaClient = door1.CreateClient(ada.Token);
        var session = (await (await adaClient.PostAsJsonAsync("/api/sessions", new
        {
            title = "Split", subject = "Ops", sessionType = "discussion", latitude = 59.33, longitude = 18.06,
            startTime = DateTimeOffset.UtcNow.ToString("O"), durationMinutes = 120,
        })).Content.ReadFromJsonAsync<SessionDto>())!;
        using (var benClient = door2.CreateClient(ben.Token)) (await benClient.PostAsync($"/api/sessions/{session.Id}/join", null)).EnsureSuccessStatusCode();

        await using var adaHub = await ConnectAsync(door1, ada.Token);
        await adaHub.Connection.InvokeAsync<SubscribeResult>("SubscribeSession", session.Id.ToString());
        var benHub = await ConnectAsync(door2, ben.Token);
        await benHub.Connection.InvokeAsync<SubscribeResult>("SubscribeSession", session.Id.ToString());

        // Ben's message, sent through one client front door, reaches Ada through the other.
        var first = await SendAsync(benHub, session.Id, "hello across the split");
        await Eventually.HoldsAsync(() => Task.FromResult(adaHub.Messages.Any(m => m.Id == first.Id)), Patience, "the message through the other front door");

        // A silo dies: the session comes back on the other, and the live path with it.
        silo2.Kill();
        var afterSilo = await SendAsync(benHub, session.Id, "after the silo");
        await Eventually.HoldsAsync(() => Task.FromResult(adaHub.Messages.Any(m => m.Id == afterSilo.Id)), Patience, "pushed after the silo died");

        // Ben's front door dies: he reconnects to the other and fills the gap by seq.
        door2.Kill();
        await benHub.DisposeAsync();
        var whileAway = await SendAsync(adaHub, session.Id, "while Ben reconnects");
        await using var benAgain = await ConnectAsync(door1, ben.Token);
        var feed = await benAgain.Connection.InvokeAsync<SubscribeResult>("SubscribeSession", session.Id.ToString());
        Assert.Equal([first.Seq, afterSilo.Seq, whileAway.Seq], feed.RecentMessages.Select(m => m.Seq).Where(s => s >= first.Seq));
        var last = await SendAsync(adaHub, session.Id, "welcome back");
        await Eventually.HoldsAsync(() => Task.FromResult(benAgain.Messages.Any(m => m.Id == last.Id)), Patience, "live again on the other front door");
    }

    /// <summary>Connects as a client should: again after a 503 (the front door's account check met a cluster settling).</summary>
    private static async Task<HubListener> ConnectAsync(SiloProcess door, string token)
    {
        HubListener? listener = null;
        await Eventually.HoldsAsync(async () =>
        {
            var candidate = new HubListener(door.BuildHubConnection(token));
            try
            {
                await candidate.Connection.StartAsync();
                listener = candidate;
                return true;
            }
            catch (HttpRequestException e) when (e.StatusCode == HttpStatusCode.ServiceUnavailable)
            {
                await candidate.DisposeAsync();
                return false;
            }
        }, Patience, $"connected to {door.Name}");
        return listener!;
    }

    /// <summary>Sends as a client should: again after <c>unavailable</c> (the cluster did not answer in time), as docs/api.md says.</summary>
    private static async Task<MessageDto> SendAsync(HubListener hub, Guid sessionId, string text)
    {
        MessageDto? sent = null;
        await Eventually.HoldsAsync(async () =>
        {
            try
            {
                sent = await hub.Connection.InvokeAsync<MessageDto>("SendMessage", sessionId.ToString(), text);
                return true;
            }
            catch (Microsoft.AspNetCore.SignalR.HubException e) when (e.Message.Contains("unavailable:"))
            {
                return false;
            }
        }, Patience, $"'{text}' sent");
        return sent!;
    }
}
