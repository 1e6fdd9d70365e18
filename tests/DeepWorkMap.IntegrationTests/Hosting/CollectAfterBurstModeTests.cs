using DeepWorkMap.IntegrationTests.Infrastructure;
using DeepWorkMap.Server.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace DeepWorkMap.IntegrationTests.Hosting;

/// <summary>
/// The collection after a burst pauses the whole process for as long as it takes to compact the heap. A silo whose state
/// is in PostgreSQL makes it (its heap holds its grains only: under a second at 100,000 sessions); an embedded one, whose
/// heap holds every store, does not (seconds, failing the requests that met it).
/// </summary>
public sealed class CollectAfterBurstModeTests
{
    [Fact]
    public async Task A_silo_on_PostgreSQL_collects_after_a_burst()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var server = await RunningServer.StartAsync(RunningServer.Durable(database));
        Assert.True(Options(server).Enabled);
    }

    [Fact]
    public async Task An_embedded_silo_leaves_its_heap_to_the_collector()
    {
        await using var server = await RunningServer.StartAsync();
        Assert.False(Options(server).Enabled);
    }

    private static CollectAfterBurstOptions Options(RunningServer server) =>
        server.Services.GetRequiredService<IOptions<CollectAfterBurstOptions>>().Value;
}
