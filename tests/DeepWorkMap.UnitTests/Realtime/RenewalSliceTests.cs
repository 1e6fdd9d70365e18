using DeepWorkMap.Server.Realtime;

namespace DeepWorkMap.UnitTests.Realtime;

/// <summary>
/// The front door renews its registrations a slice per tick: every session, region and user must be in exactly one
/// slice (or its registration would lapse, or be renewed twice a period), and the slices must be even, or one tick
/// would still be the burst that held chat messages up.
/// </summary>
public sealed class RenewalSliceTests
{
    private static RenewalSlice[] Slices => Enumerable.Range(0, LiveRenewal.Slices).Select(i => new RenewalSlice(i, LiveRenewal.Slices)).ToArray();

    [Fact]
    public void Every_watched_session_and_user_is_renewed_in_exactly_one_tick_of_the_period()
    {
        var ids = Enumerable.Range(0, 5_000).Select(_ => Guid.NewGuid()).ToList();

        var perSlice = Slices.Select(slice => ids.Count(slice.Holds)).ToArray();

        Assert.All(ids, id => Assert.Single(Slices, slice => slice.Holds(id)));
        Assert.Equal(ids.Count, perSlice.Sum());
        // Even: 500 expected per tick; a tick holding twice that would halve the point of slicing.
        Assert.All(perSlice, count => Assert.InRange(count, 350, 650));
    }

    [Fact]
    public void Every_watched_region_is_renewed_in_exactly_one_tick_of_the_period()
    {
        var regions = Enumerable.Range(0, 5_000).Select(i => $"r{i % 97}/{i}").ToList();

        var perSlice = Slices.Select(slice => regions.Count(slice.Holds)).ToArray();

        Assert.All(regions, region => Assert.Single(Slices, slice => slice.Holds(region)));
        Assert.All(perSlice, count => Assert.InRange(count, 350, 650));
    }

    [Fact]
    public void Ids_whose_hash_is_negative_still_fall_in_a_slice()
    {
        // Guid.GetHashCode is negative for about half of all ids: a signed remainder would put them in no slice at all.
        var negative = Enumerable.Range(0, 10_000).Select(_ => Guid.NewGuid()).Where(id => id.GetHashCode() < 0).Take(200).ToList();

        Assert.All(negative, id => Assert.Single(Slices, slice => slice.Holds(id)));
    }
}
