using System.Net.Http.Json;
using DeepWorkMap.Contracts.Api;
using DeepWorkMap.IntegrationTests.Infrastructure;

namespace DeepWorkMap.IntegrationTests.Sessions;

/// <summary>What a status move entails is carried out within seconds, by the clock alone, across a restart.</summary>
public sealed class SessionLifecycleSweepTests
{
    [Fact]
    public async Task The_catalog_follows_status_moves_within_five_seconds_even_across_a_restart()
    {
        await using var database = await TestDatabase.CreateAsync();
        var clock = new ShiftableClock();
        void UseClock(WebApplicationBuilder builder) => builder.Services.AddSingleton(new DeepWorkMap.Grains.Clock(clock));
        Task<string> CatalogStatus(Guid id) => database.ScalarAsync<string>("SELECT status FROM study_sessions WHERE id = $1", id);

        SessionDto session;
        await using (var server = await RunningServer.StartAsync(RunningServer.Durable(database), UseClock))
        {
            var (host, _) = await server.SignUpAsync();
            var response = await host.PostAsJsonAsync("/api/sessions", new
            {
                title = "Thesis writing", subject = "Writing", sessionType = "silent", latitude = 59.33, longitude = 18.06,
                startTime = clock.GetUtcNow().AddMinutes(10), durationMinutes = 30, maxParticipants = 4,
            });
            session = (await response.Content.ReadFromJsonAsync<SessionDto>())!;
            Assert.Equal("starting-soon", await CatalogStatus(session.Id));

            clock.Advance(TimeSpan.FromMinutes(10));
            await Eventually.HoldsAsync(async () => await CatalogStatus(session.Id) == "live", TimeSpan.FromSeconds(5));
        }

        // Nothing runs while the cluster is down; the next one catches up by itself.
        clock.Advance(TimeSpan.FromMinutes(30));
        await using (var restarted = await RunningServer.StartAsync(RunningServer.Durable(database), UseClock))
        {
            await Eventually.HoldsAsync(async () => await CatalogStatus(session.Id) == "finished", TimeSpan.FromSeconds(5));
            using var client = restarted.CreateClient();
            Assert.Equal("finished", (await client.GetFromJsonAsync<SessionDto>($"/api/sessions/{session.Id}"))!.Status);
        }
    }
}
