using DeepWorkMap.Contracts.Api;
using DeepWorkMap.Contracts.Geo;

namespace DeepWorkMap.Server.Sessions;

/// <summary>
/// Groups the tiles' bucket counts into clusters about 64 screen pixels across at the map's zoom: a bucket joins the
/// square of that size its sessions' mean position falls in. Every session is in exactly one cluster, so the counts
/// add up to the total.
/// </summary>
public static class ViewClusters
{
    /// <summary>A 256-pixel map tile spans 360 / 2^zoom degrees of longitude; a quarter of it is about 64 pixels.</summary>
    public static double CellDegrees(int zoom) => 90.0 / Math.Pow(2, zoom);

    public static IReadOnlyList<ClusterDto> Of(IReadOnlyList<BucketCount> buckets, int zoom)
    {
        var cell = CellDegrees(zoom);
        return buckets
            .GroupBy(b => ((int)Math.Floor((b.LatitudeSum / b.Count + 90) / cell), (int)Math.Floor((b.LongitudeSum / b.Count + 180) / cell)))
            .Select(group =>
            {
                var count = group.Sum(b => b.Count);
                return new ClusterDto(
                    ShownCoordinates.Of(group.Sum(b => b.LatitudeSum) / count), ShownCoordinates.Of(group.Sum(b => b.LongitudeSum) / count), count,
                    [group.Min(b => b.West), group.Min(b => b.South), group.Max(b => b.East), group.Max(b => b.North)]);
            })
            .OrderByDescending(c => c.Count).ThenBy(c => c.Latitude).ThenBy(c => c.Longitude)
            .ToList();
    }
}
