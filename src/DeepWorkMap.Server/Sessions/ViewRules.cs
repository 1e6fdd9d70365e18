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
        var filters = NearbyRules.Filters(sessionType, subject, status, limit, after, errors);
        var box = Box(bbox, errors);
        var level = 0;
        if (zoom is null || !int.TryParse(zoom, NumberStyles.Integer, CultureInfo.InvariantCulture, out level) || level is < 0 or > MaxZoom)
            errors["zoom"] = [$"zoom is required, a whole number from 0 to {MaxZoom}."];
        if (errors.Count > 0 || filters is null || box is not { } b) return null;
        return Within(Query(b.West, b.South, b.East, b.North, level, filters), "bbox", "The box is too large to search: zoom in (about a country at most).", errors);
    }

    /// <summary>The hub's <c>WatchView</c>: a box and a zoom, no filters, pages of the largest size.</summary>
    public static ViewQuery? Validate(string? bbox, double zoom, Dictionary<string, string[]> errors) =>
        Validate(bbox, double.IsInteger(zoom) ? zoom.ToString("F0", CultureInfo.InvariantCulture) : null,
            null, null, null, NearbyRules.MaxLimit.ToString(CultureInfo.InvariantCulture), null, errors);

    public static ViewQuery Query(double west, double south, double east, double north, int zoom, SearchFilters filters) =>
        new(west, south, east, north, zoom, filters.SessionType, filters.Subject, filters.Status, filters.Limit, filters.After);

    /// <summary>The query, unless it would ask more tiles than a search may: then null, and <paramref name="field"/> says why.</summary>
    public static ViewQuery? Within(ViewQuery query, string field, string tooLarge, Dictionary<string, string[]> errors)
    {
        if (ViewSearch.TileCountOf(query) <= ViewSearch.MaxTiles) return query;
        errors[field] = [tooLarge];
        return null;
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
