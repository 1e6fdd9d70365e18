using System.Globalization;
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
        var area = Read(body, geoJson, errors);
        var envelope = area?.EnvelopeInternal;
        var bbox = envelope is null ? "0,0,1,1" : string.Create(CultureInfo.InvariantCulture, $"{envelope.MinX},{envelope.MinY},{envelope.MaxX},{envelope.MaxY}");
        var query = ViewRules.Validate(bbox, ViewRules.MaxZoom.ToString(CultureInfo.InvariantCulture), sessionType, subject, status, limit, after, errors);
        if (errors.Remove("bbox")) errors["area"] = ["The area is too large to search: about a country at most."];
        return area is null || query is null || errors.Count > 0 ? null : (area, query);
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
