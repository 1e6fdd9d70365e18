using System.Globalization;
using DeepWorkMap.Contracts.Geo;
using DeepWorkMap.Grains.Geo;

namespace DeepWorkMap.Server.Sessions;

/// <summary>docs/api.md's rules for a viewport search; the filters and the page are nearby's.</summary>
public static class ViewRules
{
    /// <summary>Below this zoom (a city fills the screen at about 12) the answer is clusters.</summary>
    public const int ItemsFromZoom = 11;

    /// <summary>More sessions in the box than this, and the answer is clusters at any zoom.</summary>
    public const int DensityThreshold = 300;

    public const int MaxZoom = 22;

    public static ViewQuery? Validate(string? bbox, string? zoom, string? sessionType, string? subject, string? status, string? limit, string? after,
        Dictionary<string, string[]> errors)
    {
        // The filters, the page size and the cursor follow nearby's rules; a placeholder circle passes its checks.
        var filters = NearbyRules.Validate("0", "0", "1", sessionType, subject, status, limit, errors, after);
        var box = Box(bbox, errors);
        var level = 0;
        if (zoom is null || !int.TryParse(zoom, NumberStyles.Integer, CultureInfo.InvariantCulture, out level) || level is < 0 or > MaxZoom)
            errors["zoom"] = [$"zoom is required, a whole number from 0 to {MaxZoom}."];
        if (errors.Count > 0 || filters is null || box is not { } b) return null;
        var query = new ViewQuery(b.West, b.South, b.East, b.North, level, filters.SessionType, filters.Subject, filters.Status, filters.Limit, filters.After);
        if (ViewSearch.TilesOf(query).Count > ViewSearch.MaxTiles)
        {
            errors["bbox"] = ["The box is too large to search: zoom in (about a country at most)."];
            return null;
        }
        return query;
    }

    private static (double West, double South, double East, double North)? Box(string? bbox, Dictionary<string, string[]> errors)
    {
        var parts = bbox?.Split(',');
        var numbers = new double[4];
        var parsed = parts is { Length: 4 } && parts.Select((p, i) =>
            double.TryParse(p, NumberStyles.Float, CultureInfo.InvariantCulture, out numbers[i]) && double.IsFinite(numbers[i])).All(ok => ok);
        var (west, south, east, north) = (numbers[0], numbers[1], numbers[2], numbers[3]);
        if (!parsed || west is < -180 or > 180 || east is < -180 or > 180 || south is < -90 or > 90 || north is < -90 or > 90 || south >= north || west == east)
        {
            errors["bbox"] = ["bbox is required as west,south,east,north in degrees: longitudes -180 to 180 (west above east crosses the antimeridian), latitudes -90 to 90 with south below north."];
            return null;
        }
        return (west, south, east, north);
    }
}
