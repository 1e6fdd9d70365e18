using DeepWorkMap.Contracts.Geo;
using DeepWorkMap.Contracts.Sessions;
using DeepWorkMap.Grains;
using DeepWorkMap.IntegrationTests.Infrastructure;
using DeepWorkMap.IntegrationTests.Sessions;

namespace DeepWorkMap.IntegrationTests.Hosting;

/// <summary>References built from a key by <see cref="GrainLookup"/> are the ones Orleans builds, and reach the same grain.</summary>
public sealed class GrainLookupTests
{
    [Fact]
    public async Task A_reference_built_from_a_guid_or_a_string_key_names_the_grain_and_interface_Orleans_names_and_reaches_it()
    {
        await using var cluster = await TestClusters.StartAsync(1);
        IGrainFactory grains = cluster.Client;
        var (sessionId, hostId) = (Guid.NewGuid(), Guid.NewGuid());
        // Twice each: the first may fill the lookup's names, the second is built from them.
        for (var round = 0; round < 2; round++)
        {
            AssertSame(grains.GetGrain<IStudySessionGrain>(sessionId), grains.GetGrainFast<IStudySessionGrain>(sessionId));
            AssertSame(grains.GetGrain<IGeoCellGrain>("8/136/84"), grains.GetGrainFast<IGeoCellGrain>("8/136/84"));
        }

        Assert.Null((await grains.GetGrainFast<IStudySessionGrain>(sessionId).Create(SessionCommands.Valid(hostId))).Error);
        Assert.Equal(sessionId, (await grains.GetGrain<IStudySessionGrain>(sessionId).View(hostId, null))!.Id);
        Assert.Null(await grains.GetGrainFast<IStudySessionGrain>(Guid.NewGuid()).View(hostId, null));
    }

    private static void AssertSame<T>(T ordinary, T fast)
    {
        var (expected, actual) = ((GrainReference)(object)ordinary!, (GrainReference)(object)fast!);
        Assert.Equal(expected.GrainId, actual.GrainId);
        Assert.Equal(expected.InterfaceType, actual.InterfaceType);
    }
}
