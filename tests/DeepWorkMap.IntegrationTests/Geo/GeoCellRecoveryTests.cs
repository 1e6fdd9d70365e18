using DeepWorkMap.Testing;
using DeepWorkMap.Contracts.Geo;
using DeepWorkMap.Contracts.Sessions;
using DeepWorkMap.Grains.Geo;
using DeepWorkMap.IntegrationTests.Infrastructure;
using DeepWorkMap.IntegrationTests.Sessions;

namespace DeepWorkMap.IntegrationTests.Geo;

/// <summary>Geo cells hold nothing durable: killed with their silo, they come back whole from the catalog.</summary>
public sealed class GeoCellRecoveryTests
{
    [Fact]
    public async Task Killing_a_silo_leaves_the_next_search_complete()
    {
        await using var database = await TestDatabase.CreateAsync();
        var hosts = await TestUsers.CreateAsync(database, 3);
        await using var cluster = await TestClusters.StartAsync(3, database);

        // 40 places far apart: their 80 tiles spread over the three silos.
        var places = Enumerable.Range(0, 40).Select(i => (Lat: -60 + i * 3.0, Lng: -170 + i * 8.5)).ToArray();
        foreach (var (lat, lng) in places)
        {
            for (var k = 0; k < 3; k++)
            {
                var (sLat, sLng) = Oracle.Destination(lat, lng, k * 120, 1 + k);
                await cluster.Client.GetGrain<IStudySessionGrain>(Guid.NewGuid()).Create(SessionCommands.Valid(hosts[k], latitude: sLat, longitude: sLng));
            }
        }

        // Search as a front door does: from inside a silo that stays up (the primary), not through a gateway.
        var frontDoor = ((Orleans.TestingHost.InProcessSiloHandle)cluster.Primary!).SiloHost.Services.GetRequiredService<IGrainFactory>();

        // A front door's memory of which tiles hold sessions outlives the kill: with it, searches ask the tiles straight
        // away; a fresh one asks the regions first, which must have been rebuilt whole too.
        using var remembering = new OccupiedTiles(frontDoor);
        async Task<List<Guid>[]> SearchAllAsync(double radius, OccupiedTiles occupied)
        {
            var search = new NearbySearch(frontDoor, occupied);
            var results = new List<Guid>[places.Length];
            for (var i = 0; i < places.Length; i++)
                results[i] = (await search.SearchAsync(new NearbyQuery(places[i].Lat, places[i].Lng, radius, null, null, null, 50))).Select(h => h.Session.Id).ToList();
            return results;
        }

        var fineBefore = await SearchAllAsync(5, remembering);
        var coarseBefore = await SearchAllAsync(60, remembering);
        Assert.All(fineBefore, ids => Assert.Equal(3, ids.Count));

        await cluster.KillSiloAsync(cluster.SecondarySilos[0]);
        // Recovery starts when the cluster has declared the silo dead; from then on searches must be whole.
        await Eventually.HoldsAsync(async () => (await frontDoor.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true)).Count == 2,
            TimeSpan.FromSeconds(60), "the killed silo being declared dead");

        Assert.Equal(fineBefore, await SearchAllAsync(5, remembering));
        Assert.Equal(coarseBefore, await SearchAllAsync(60, remembering));
        using var fresh = new OccupiedTiles(frontDoor);
        Assert.Equal(fineBefore, await SearchAllAsync(5, fresh));
        Assert.Equal(coarseBefore, await SearchAllAsync(60, fresh));
    }
}
