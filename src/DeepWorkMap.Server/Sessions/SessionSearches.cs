using System.Text.Json;
using DeepWorkMap.Contracts.Api;
using DeepWorkMap.Contracts.Geo;
using DeepWorkMap.Grains.Geo;
using DeepWorkMap.Server.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using DeepWorkMap.Server.Identity;
using PageResult = Microsoft.AspNetCore.Http.HttpResults.Results<
    Microsoft.AspNetCore.Http.HttpResults.JsonHttpResult<DeepWorkMap.Contracts.Api.SessionPage>,
    DeepWorkMap.Server.Sessions.MapPageResult,
    Microsoft.AspNetCore.Http.HttpResults.ContentHttpResult,
    Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult>;
using ViewResult = Microsoft.AspNetCore.Http.HttpResults.Results<
    Microsoft.AspNetCore.Http.HttpResults.JsonHttpResult<DeepWorkMap.Contracts.Api.ViewPage>,
    DeepWorkMap.Server.Sessions.MapPageResult,
    Microsoft.AspNetCore.Http.HttpResults.ContentHttpResult,
    Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult>;

namespace DeepWorkMap.Server.Sessions;

/// <summary>
/// docs/api.md's three searches (nearby, in view, in an area) as the REST endpoints answer them: the query read by the
/// search's rules, the search, then the page in the form asked for (<c>fields</c>) and the format (JSON or GeoJSON).
/// </summary>
public sealed class SessionSearches(NearbySearch nearby, ViewPages pages, AreaSearch areas, SessionViews views, SessionGeoJson geoJson)
{
    public async Task<PageResult> NearbyAsync(NearbyParameters circle, SearchParameters q, AnswerFormat format, Viewer viewer, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var fields = ListFieldsRules.Read(q.Fields, errors);
        var query = NearbyRules.Validate(circle.Lat, circle.Lng, circle.RadiusKm, q.SessionType, q.Subject, q.Status, q.Limit, errors, q.After);
        if (query is null || fields is null) return ApiProblem.Validation(errors);
        var hits = await nearby.SearchAsync(query);
        var next = hits.Count == query.Limit ? CursorAfter(hits[^1].Session) : null;
        return fields is ListFields.Map
            ? Page(SessionViews.ToMapDtos(hits), next, format)
            : Page(await views.ToDtosAsync(hits, viewer, cancellationToken), next, format);
    }

    public async Task<ViewResult> InViewAsync(ViewParameters view, SearchParameters q, AnswerFormat format, Viewer viewer, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var fields = ListFieldsRules.Read(q.Fields, errors);
        var query = ViewRules.Validate(view.Bbox, view.Zoom, q.SessionType, q.Subject, q.Status, q.Limit, q.After, errors);
        if (query is null || fields is null) return ApiProblem.Validation(errors);
        if (fields is ListFields.Map)
        {
            var found = await pages.AnswerForMapAsync(query);
            return format.GeoJson ? geoJson.Of(found.Items, found.Clusters, found.NextCursor, found.Total) : MapPageResult.Of(found);
        }
        var page = await pages.AnswerAsync(query, viewer, cancellationToken);
        return format.GeoJson ? geoJson.Of(page.Items, page.Clusters, page.NextCursor, page.Total) : TypedResults.Json(page, SessionListJson.Default.ViewPage);
    }

    public async Task<PageResult> InAreaAsync(JsonElement? body, SearchParameters q, AnswerFormat format, Viewer viewer, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var fields = ListFieldsRules.Read(q.Fields, errors);
        if (AreaRules.Validate(body, geoJson.Options, q.SessionType, q.Subject, q.Status, q.Limit, q.After, errors) is not var (area, query) || fields is null)
            return ApiProblem.Validation(errors);
        var found = await areas.SearchAsync(area, query);
        var next = found.Count == query.Limit ? CursorAfter(found[^1]) : null;
        return fields is ListFields.Map
            ? Page(SessionViews.ToMapDtos(found), next, format)
            : Page(await views.ToDtosAsync(found, viewer, cancellationToken), next, format);
    }

    /// <summary>A full page may have more after it: its last session is where the next one starts.</summary>
    private static string CursorAfter(Contracts.Sessions.SessionSnapshot last) => NearbyCursors.Write(new NearbyCursor(last.StartTime, last.Id));

    private PageResult Page(IReadOnlyList<MapSessionDto> items, string? next, AnswerFormat format) =>
        format.GeoJson ? geoJson.Of(items, null, next, total: null) : MapPageResult.Of(new MapSessionPage(items, next));

    private PageResult Page(IReadOnlyList<SessionDto> items, string? next, AnswerFormat format) =>
        format.GeoJson ? geoJson.Of(items, null, next, total: null) : TypedResults.Json(new SessionPage(items, next), SessionListJson.Default.SessionPage);
}
