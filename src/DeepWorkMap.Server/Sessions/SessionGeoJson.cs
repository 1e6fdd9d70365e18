using System.Text.Json;
using System.Text.Json.Nodes;
using DeepWorkMap.Contracts.Api;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using NetTopologySuite.Features;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO.Converters;

namespace DeepWorkMap.Server.Sessions;

/// <summary>
/// Search answers as RFC 7946 GeoJSON (asked for with <c>Accept: application/geo+json</c>), written and read by
/// NetTopologySuite: a FeatureCollection of points, a session's fields as its properties and its id as the feature's,
/// with the page's <c>total</c> and <c>nextCursor</c> as foreign members.
/// </summary>
public sealed class SessionGeoJson(IOptions<JsonOptions> json)
{
    public const string MediaType = "application/geo+json";

    /// <summary>Positions are WGS 84 longitude, latitude, as RFC 7946 has them.</summary>
    public static readonly GeometryFactory Wgs84 = new(new PrecisionModel(), 4326);

    /// <summary>Reads and writes GeoJSON; the API's other conventions (camelCase, UTC times) as everywhere.</summary>
    public JsonSerializerOptions Options { get; } = WithGeoJson(json.Value.SerializerOptions);

    private static JsonSerializerOptions WithGeoJson(JsonSerializerOptions api)
    {
        var options = new JsonSerializerOptions(api);
        options.Converters.Add(new GeoJsonConverterFactory(Wgs84, writeGeometryBBox: false, idPropertyName: "id"));
        return options;
    }

    public static bool IsWanted(HttpRequest request) =>
        request.GetTypedHeaders().Accept.Any(accept => accept.MediaType.Equals(MediaType, StringComparison.OrdinalIgnoreCase));

    public ContentHttpResult Of(IReadOnlyList<SessionDto> sessions, IReadOnlyList<ClusterDto>? clusters, string? nextCursor, int? total) =>
        Of(sessions, s => (s.Latitude, s.Longitude), clusters, nextCursor, total);

    /// <summary>The map's form (<c>fields=map</c>): the same features with fewer properties.</summary>
    public ContentHttpResult Of(IReadOnlyList<MapSessionDto> sessions, IReadOnlyList<ClusterDto>? clusters, string? nextCursor, int? total) =>
        Of(sessions, s => (s.Latitude, s.Longitude), clusters, nextCursor, total);

    private ContentHttpResult Of<T>(IReadOnlyList<T> sessions, Func<T, (double Latitude, double Longitude)> position, IReadOnlyList<ClusterDto>? clusters,
        string? nextCursor, int? total)
    {
        var features = new FeatureCollection();
        foreach (var session in sessions)
        {
            var properties = JsonSerializer.SerializeToNode(session, Options)!.AsObject();
            properties.Remove("latitude");
            properties.Remove("longitude");
            var (latitude, longitude) = position(session);
            features.Add(new Feature(Wgs84.CreatePoint(new Coordinate(longitude, latitude)), Attributes(properties)));
        }
        foreach (var cluster in clusters ?? [])
        {
            features.Add(new Feature(Wgs84.CreatePoint(new Coordinate(cluster.Longitude, cluster.Latitude)),
                new AttributesTable { { "cluster", true }, { "count", cluster.Count }, { "bbox", cluster.Bbox } }));
        }
        var document = JsonSerializer.SerializeToNode(features, Options)!.AsObject();
        if (total is { } count) document["total"] = count;
        document["nextCursor"] = nextCursor;
        return TypedResults.Text(document.ToJsonString(), MediaType);
    }

    private static AttributesTable Attributes(JsonObject properties)
    {
        var table = new AttributesTable();
        foreach (var (name, value) in properties) table.Add(name, value?.DeepClone());
        return table;
    }
}
