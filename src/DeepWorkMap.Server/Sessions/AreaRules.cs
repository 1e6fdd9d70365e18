using System.Text.Json;
using DeepWorkMap.Contracts.Geo;
using NetTopologySuite.Geometries;

namespace DeepWorkMap.Server.Sessions;

/// <summary>docs/api.md's rules for an area search: a valid GeoJSON Polygon, then in-view's rules for its envelope and the filters.</summary>
public static class AreaRules
{
    public const int MaxVertices = 1000;

    public static (Polygon Area, ViewQuery Query)? Validate(JsonElement? body, JsonSerializerOptions geoJson, string? sessionType, string? subject, string? status,
        string? limit, string? after, Dictionary<string, string[]> errors)
    {
        var filters = NearbyRules.Filters(sessionType, subject, status, limit, after, errors);
        var area = Read(body, geoJson, errors);
        if (area is null || filters is null) return null;
        // The polygon's envelope, searched as a view at full zoom.
        var envelope = area.EnvelopeInternal;
        var query = ViewRules.Within(ViewRules.Query(envelope.MinX, envelope.MinY, envelope.MaxX, envelope.MaxY, ViewRules.MaxZoom, filters),
            "area", "The area is too large to search: about a country at most.", errors);
        return query is null ? null : (area, query);
    }

    private static Polygon? Read(JsonElement? body, JsonSerializerOptions geoJson, Dictionary<string, string[]> errors)
    {
        Geometry? geometry = null;
        try
        {
            if (body is { ValueKind: JsonValueKind.Object } json) geometry = json.Deserialize<Geometry>(geoJson);
        }
        catch (Exception e) when (e is JsonException or ArgumentException or InvalidOperationException or FormatException)
        {
            // Unclosed rings, too few positions, unknown types: the reader refuses them.
        }
        if (geometry is not Polygon polygon || polygon.IsEmpty)
        {
            errors["area"] = ["The body must be a GeoJSON Polygon (RFC 7946): {\"type\": \"Polygon\", \"coordinates\": [[[lng, lat], …, the first again]]}."];
            return null;
        }
        var envelope = polygon.EnvelopeInternal;
        if (polygon.NumPoints > MaxVertices)
            errors["area"] = [$"The polygon may have at most {MaxVertices} positions."];
        else if (envelope.MinX < -180 || envelope.MaxX > 180 || envelope.MinY < -90 || envelope.MaxY > 90)
            errors["area"] = ["Positions must be [longitude, latitude] with longitudes from -180 to 180 and latitudes from -90 to 90."];
        else if (envelope.Width > 180)
            errors["area"] = ["The polygon spans more than half the globe's longitudes: split it at the antimeridian (RFC 7946, 3.1.9)."];
        else if (!polygon.IsValid)
            errors["area"] = ["The polygon is not valid: its rings must not cross themselves or each other."];
        return errors.ContainsKey("area") ? null : polygon;
    }
}
