namespace DeepWorkMap.Server.Sessions;

/// <summary>Whether the caller asked for GeoJSON (<c>Accept: application/geo+json</c>) rather than the API's JSON.</summary>
public sealed record AnswerFormat(bool GeoJson)
{
    public static ValueTask<AnswerFormat?> BindAsync(HttpContext http) => ValueTask.FromResult<AnswerFormat?>(new AnswerFormat(SessionGeoJson.IsWanted(http.Request)));
}
