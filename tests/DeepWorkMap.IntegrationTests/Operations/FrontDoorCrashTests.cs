using System.Diagnostics;
using System.Net.Http.Json;
using DeepWorkMap.Contracts.Api;
using DeepWorkMap.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.SignalR.Client;

namespace DeepWorkMap.IntegrationTests.Operations;

/// <summary>A front door process killed with SIGKILL takes its users offline, for everyone on the other front doors, within 30 s.</summary>
[Trait("Category", "SiloProcesses")]
public sealed class FrontDoorCrashTests
{
    [Fact]
    public async Task Users_connected_to_a_killed_front_door_go_offline_within_half_a_minute()
    {
        await using var database = await TestDatabase.CreateAsync();
        var clusterId = "crash-" + Guid.NewGuid().ToString("N")[..8];
        await using var staying = SiloProcess.Create("crash-stays", database, clusterId);
        await using var dying = SiloProcess.Create("crash-dies", database, clusterId);
        staying.Start();
        dying.Start();
        await Task.WhenAll(staying.WaitReadyAsync(TimeSpan.FromSeconds(90)), dying.WaitReadyAsync(TimeSpan.FromSeconds(90)));

        var suffix = clusterId[^6..];
        using var host = staying.CreateClient((await staying.SignUpAsync("ada" + suffix)).Token);
        var ben = await staying.SignUpAsync("ben" + suffix);
        var created = await host.PostAsJsonAsync("/api/sessions", new
        {
            title = "Late shift", subject = "Law", sessionType = "silent", latitude = 50.85, longitude = 4.35,
            startTime = DateTimeOffset.UtcNow.ToString("O"), durationMinutes = 60,
        });
        var session = (await created.Content.ReadFromJsonAsync<SessionDto>())!;
        using (var guest = staying.CreateClient(ben.Token)) (await guest.PostAsync($"/api/sessions/{session.Id}/join", null)).EnsureSuccessStatusCode();

        // Ben is in the session through the front door that will die.
        var connection = dying.BuildHubConnection(ben.Token);
        await connection.StartAsync();
        await connection.InvokeAsync<SubscribeResult>("SubscribeSession", session.Id.ToString());
        await Eventually.HoldsAsync(async () => await PresenceAsync(host, session.Id, ben.User.Id) == "online", TimeSpan.FromSeconds(20), "Ben online");

        dying.Kill();
        var killed = Stopwatch.StartNew();
        await Eventually.HoldsAsync(async () => await PresenceAsync(host, session.Id, ben.User.Id) == "offline", TimeSpan.FromSeconds(45), "Ben offline");
        Assert.True(killed.Elapsed < TimeSpan.FromSeconds(30), $"offline after {killed.Elapsed.TotalSeconds:F1} s");
        await connection.DisposeAsync();
    }

    /// <summary>Ben's presence as the host sees it; null while the cluster cannot answer (the session may be moving).</summary>
    private static async Task<string?> PresenceAsync(HttpClient host, Guid sessionId, Guid userId)
    {
        var response = await host.GetAsync($"/api/sessions/{sessionId}/participants");
        if (!response.IsSuccessStatusCode) return null;
        return (await response.Content.ReadFromJsonAsync<List<ParticipantDto>>())!.Single(p => p.User.Id == userId).Presence;
    }
}
