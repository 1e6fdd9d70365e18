using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using DeepWorkMap.Contracts.Api;
using DeepWorkMap.IntegrationTests.Infrastructure;
using DeepWorkMap.Server.Moderation;
using Microsoft.AspNetCore.SignalR.Client;

namespace DeepWorkMap.IntegrationTests.Moderation;

/// <summary>
/// A suspended host's sessions are on no map while the suspension lasts (nearby, in-view, in-area, live maps), also
/// once the map tiles rebuild from the catalog, and come back when the host is reinstated; read by id they still answer.
/// </summary>
public sealed class SuspendedHostTests
{
    private const string Moderator = "suspending_moderator";
    private const double Latitude = -33.8688, Longitude = 151.2093;
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    private static Dictionary<string, string?> Settings(TestDatabase database) => RunningServer.Durable(database, $"suspend-{Guid.NewGuid():N}");

    /// <summary>Grants the moderator role as operators do (scripts/moderators.sh).</summary>
    private static async Task GrantModeratorAsync(TestDatabase database)
    {
        using var output = new StringWriter();
        var exitCode = await ModeratorCommand.RunAsync(["grant", Moderator, $"--ConnectionStrings:Postgres={database.ConnectionString}"], output);
        Assert.True(exitCode == 0, output.ToString());
    }

    /// <summary>Which of the given sessions each search finds around the host's venue.</summary>
    private static async Task<(bool Nearby, bool InView, bool InArea)> OnTheMapAsync(HttpClient client, Guid sessionId)
    {
        var nearby = (await client.GetFromJsonAsync<SessionPage>(string.Create(CultureInfo.InvariantCulture,
            $"/api/sessions/nearby?lat={Latitude}&lng={Longitude}&radiusKm=5")))!;
        var box = string.Create(CultureInfo.InvariantCulture, $"{Longitude - 0.05},{Latitude - 0.05},{Longitude + 0.05},{Latitude + 0.05}");
        var inView = (await client.GetFromJsonAsync<ViewPage>($"/api/sessions/in-view?bbox={box}&zoom=14"))!;
        var ring = string.Create(CultureInfo.InvariantCulture,
            $"[[{Longitude - 0.05},{Latitude - 0.05}],[{Longitude + 0.05},{Latitude - 0.05}],[{Longitude + 0.05},{Latitude + 0.05}],[{Longitude - 0.05},{Latitude + 0.05}],[{Longitude - 0.05},{Latitude - 0.05}]]");
        var inArea = await client.PostAsync("/api/sessions/in-area", new StringContent($$"""{"type":"Polygon","coordinates":[{{ring}}]}""", Encoding.UTF8, "application/json"));
        var area = (await inArea.Content.ReadFromJsonAsync<SessionPage>())!;
        return (nearby.Items.Any(s => s.Id == sessionId), inView.Items.Any(s => s.Id == sessionId), area.Items.Any(s => s.Id == sessionId));
    }

    [Fact]
    public async Task A_suspended_hosts_sessions_leave_every_map_stay_off_when_the_tiles_rebuild_and_return_when_reinstated()
    {
        await using var database = await TestDatabase.CreateAsync();
        Guid sessionId, hostId;
        string moderatorToken, guestToken;
        await using (var first = await RunningServer.StartAsync(Settings(database)))
        {
            var (moderator, moderatorAuth) = await first.SignUpAsync(Moderator);
            await GrantModeratorAsync(database);
            moderatorToken = moderatorAuth.Token;
            var (host, hostAuth) = await first.SignUpAsync();
            hostId = hostAuth.User.Id;
            var (guest, guestAuth) = await first.SignUpAsync();
            guestToken = guestAuth.Token;
            sessionId = (await RunningServer.CreateSessionAsync(host, Latitude, Longitude)).Id;
            (await guest.PostAsync($"/api/sessions/{sessionId}/join", null)).EnsureSuccessStatusCode();
            await using var watcher = await HubListener.ConnectAsync(first, guestAuth.Token);
            await watcher.Connection.InvokeAsync<ItemsDto<SessionDto>>("WatchArea", Latitude, Longitude, 5.0);
            Assert.Equal((true, true, true), await OnTheMapAsync(guest, sessionId));

            Assert.Equal(HttpStatusCode.NoContent, (await moderator.PostAsync($"/api/moderation/users/{hostId}/suspend", null)).StatusCode);
            Assert.Equal((false, false, false), await OnTheMapAsync(guest, sessionId));
            await Eventually.HoldsAsync(() => Task.FromResult(watcher.Events(HubEvents.SessionRemoved)
                .Any(e => e.GetProperty("sessionId").GetGuid() == sessionId && e.GetProperty("reason").GetString() == "withdrawn")), Patience,
                "sessionRemoved on the live map, saying it was withdrawn");
            Assert.True(await database.ScalarAsync<bool>("SELECT host_suspended FROM study_sessions WHERE id = $1", sessionId));
            // Its participants still read it (and its venue) by id.
            var seen = (await guest.GetFromJsonAsync<SessionDto>($"/api/sessions/{sessionId}"))!;
            Assert.NotNull(seen.Venue);
        }

        // A new process: every map tile rebuilds from the catalog.
        await using var second = await RunningServer.StartAsync(Settings(database));
        using var moderatorAgain = second.CreateClient(moderatorToken);
        using var guestAgain = second.CreateClient(guestToken);
        Assert.Equal((false, false, false), await OnTheMapAsync(guestAgain, sessionId));

        await using var watcherAgain = await HubListener.ConnectAsync(second, guestToken);
        await watcherAgain.Connection.InvokeAsync<ItemsDto<SessionDto>>("WatchArea", Latitude, Longitude, 5.0);
        Assert.Equal(HttpStatusCode.NoContent, (await moderatorAgain.PostAsync($"/api/moderation/users/{hostId}/reinstate", null)).StatusCode);
        Assert.Equal((true, true, true), await OnTheMapAsync(guestAgain, sessionId));
        await Eventually.HoldsAsync(() => Task.FromResult(watcherAgain.SessionChanges.Any(s => s.Id == sessionId)), Patience, "sessionChanged on the live map");
        Assert.False(await database.ScalarAsync<bool>("SELECT host_suspended FROM study_sessions WHERE id = $1", sessionId));
    }
}
