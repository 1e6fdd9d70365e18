using System.Text.Json;
using DeepWorkMap.Contracts.Api;

namespace DeepWorkMap.Server.Sessions;

/// <summary>A page in the map's form (<see cref="MapPageJson"/>) written as UTF-8 straight into the response's pipe, with no copy in between.</summary>
public sealed class MapPageResult : IResult
{
    private readonly Action<Utf8JsonWriter> _write;

    private MapPageResult(Action<Utf8JsonWriter> write) => _write = write;

    /// <summary>Nearby and in-area: <c>{items, nextCursor}</c>.</summary>
    public static MapPageResult Of(MapSessionPage page) => new(json => MapPageJson.Write(json, page));

    /// <summary>In-view: <c>{total, items, nextCursor, clusters}</c>.</summary>
    public static MapPageResult Of(MapViewPage page) => new(json => MapPageJson.Write(json, page));

    public Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "application/json; charset=utf-8";
        using (var json = new Utf8JsonWriter(response.BodyWriter, MapPageJson.WriterOptions)) _write(json);
        return response.BodyWriter.FlushAsync(httpContext.RequestAborted).AsTask();
    }
}
