using System.Text.Json.Nodes;
using Microsoft.OpenApi;

namespace DeepWorkMap.Server.Sessions;

/// <summary>
/// The searches' GeoJSON in the OpenAPI document: NetTopologySuite reads the polygon and writes the collection, so the
/// generator sees a <c>JsonElement</c> and text where docs/api.md has RFC 7946 shapes. These say what they are.
/// </summary>
public static class SessionGeoJsonDocument
{
    /// <summary>The 200 answer also comes as a GeoJSON FeatureCollection, for <c>Accept: application/geo+json</c>.</summary>
    public static RouteHandlerBuilder ProducesGeoJsonPage(this RouteHandlerBuilder endpoint) =>
        endpoint.AddOpenApiOperationTransformer((operation, _, _) =>
        {
            if (operation.Responses?.GetValueOrDefault("200") is OpenApiResponse ok)
            {
                ok.Content ??= new Dictionary<string, OpenApiMediaType>();
                ok.Content[SessionGeoJson.MediaType] = new OpenApiMediaType { Schema = FeatureCollection() };
            }
            return Task.CompletedTask;
        });

    /// <summary>The body is a GeoJSON Polygon, as <c>application/json</c> or <c>application/geo+json</c>.</summary>
    public static RouteHandlerBuilder AcceptsGeoJsonPolygon(this RouteHandlerBuilder endpoint) =>
        endpoint.AddOpenApiOperationTransformer((operation, _, _) =>
        {
            operation.RequestBody = new OpenApiRequestBody
            {
                Required = true,
                Description = $"The area: a GeoJSON Polygon (RFC 7946), positions [longitude, latitude], each ring closed, at most {AreaRules.MaxVertices} positions; holes allowed.",
                Content = new Dictionary<string, OpenApiMediaType>
                {
                    ["application/json"] = new() { Schema = Polygon() },
                    [SessionGeoJson.MediaType] = new() { Schema = Polygon() },
                },
            };
            return Task.CompletedTask;
        });

    private static OpenApiSchema Polygon() => Geometry("Polygon", Array(Array(Position(), minItems: 4), minItems: 1));

    private static OpenApiSchema FeatureCollection() => new()
    {
        Type = JsonSchemaType.Object,
        Required = new HashSet<string> { "type", "features", "nextCursor" },
        Properties = new Dictionary<string, IOpenApiSchema>
        {
            ["type"] = Word("FeatureCollection"),
            ["features"] = Array(Feature()),
            ["nextCursor"] = new OpenApiSchema
            {
                Type = JsonSchemaType.String | JsonSchemaType.Null,
                Description = "The after of the next page; null on the last.",
            },
            ["total"] = new OpenApiSchema { Type = JsonSchemaType.Integer, Description = "in-view only: the sessions in the box." },
        },
    };

    private static OpenApiSchema Feature() => new()
    {
        Type = JsonSchemaType.Object,
        Required = new HashSet<string> { "type", "geometry", "properties" },
        Properties = new Dictionary<string, IOpenApiSchema>
        {
            ["type"] = Word("Feature"),
            ["id"] = new OpenApiSchema { Type = JsonSchemaType.String, Format = "uuid", Description = "The session's id (a cluster has none)." },
            ["geometry"] = Geometry("Point", Position()),
            ["properties"] = new OpenApiSchema
            {
                Type = JsonSchemaType.Object,
                Description = "A session's fields but id, latitude and longitude (Session, or MapSession with fields=map); "
                    + "for an in-view cluster {cluster: true, count, bbox}.",
            },
        },
    };

    private static OpenApiSchema Geometry(string type, OpenApiSchema coordinates) => new()
    {
        Type = JsonSchemaType.Object,
        Required = new HashSet<string> { "type", "coordinates" },
        Properties = new Dictionary<string, IOpenApiSchema> { ["type"] = Word(type), ["coordinates"] = coordinates },
    };

    /// <summary>[longitude, latitude] in degrees (WGS 84).</summary>
    private static OpenApiSchema Position() => Array(new OpenApiSchema { Type = JsonSchemaType.Number }, minItems: 2, maxItems: 3);

    private static OpenApiSchema Array(OpenApiSchema items, int? minItems = null, int? maxItems = null) =>
        new() { Type = JsonSchemaType.Array, Items = items, MinItems = minItems, MaxItems = maxItems };

    private static OpenApiSchema Word(string value) => new() { Type = JsonSchemaType.String, Enum = [JsonValue.Create(value)] };
}
