using System.Globalization;
using DeepWorkMap.Contracts.Geo;
using DeepWorkMap.Contracts.Sessions;

namespace DeepWorkMap.Server.Sessions;

/// <summary>docs/api.md's rules for a nearby search, applied to the raw query string so each bad field is named.</summary>
public static class NearbyRules
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 200;
    public const double MaxRadiusKm = 100;

    public static NearbyQuery? Validate(string? lat, string? lng, string? radiusKm, string? sessionType, string? subject, string? status, string? limit,
        Dictionary<string, string[]> errors, string? after = null)
    {
        var filters = Filters(sessionType, subject, status, limit, after, errors);
        var latitude = Number(lat, "lat", -90, 90, errors);
        var longitude = Number(lng, "lng", -180, 180, errors);
        var radius = Number(radiusKm, "radiusKm", 0, MaxRadiusKm, errors);
        if (radius is 0) errors["radiusKm"] = ["radiusKm must be greater than 0 and at most 100."];

        if (errors.Count > 0 || filters is null) return null;
        return new NearbyQuery(latitude!.Value, longitude!.Value, radius!.Value, filters.SessionType, filters.Subject, filters.Status, filters.Limit, filters.After);
    }

    /// <summary>The filters, page size and cursor every search takes (nearby, in view, in an area), each bad field named.</summary>
    public static SearchFilters? Filters(string? sessionType, string? subject, string? status, string? limit, string? after, Dictionary<string, string[]> errors)
    {
        var before = errors.Count;
        var cursor = after is null ? null : NearbyCursors.Read(after);
        if (after is not null && cursor is null) errors["after"] = ["after must be a nextCursor from an earlier page."];
        if (sessionType is not null && !SessionTypes.All.Contains(sessionType))
            errors["sessionType"] = ["sessionType must be one of silent, discussion, exam-prep."];
        if (status is not null && status is not (SessionStatuses.StartingSoon or SessionStatuses.Live))
            errors["status"] = ["status must be starting-soon or live."];
        var subjectFilter = subject?.Trim();
        if (subject is not null && (subjectFilter!.Length == 0 || subjectFilter.Length > 100))
            errors["subject"] = ["subject must be 1 to 100 characters."];

        var count = DefaultLimit;
        if (limit is not null && (!int.TryParse(limit, NumberStyles.Integer, CultureInfo.InvariantCulture, out count) || count is < 1 or > MaxLimit))
            errors["limit"] = ["limit must be a whole number from 1 to 200."];
        return errors.Count > before ? null : new SearchFilters(sessionType, subjectFilter, status, count, cursor);
    }

    /// <summary>The circle alone, as the hub's <c>WatchArea</c> passes it, with the default limit.</summary>
    public static NearbyQuery? Validate(double lat, double lng, double radiusKm, Dictionary<string, string[]> errors) =>
        Validate(Invariant(lat), Invariant(lng), Invariant(radiusKm), null, null, null, null, errors);

    private static string Invariant(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    private static double? Number(string? raw, string field, double min, double max, Dictionary<string, string[]> errors)
    {
        if (raw is null || !double.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value) || value < min || value > max)
        {
            errors[field] = [field == "radiusKm" ? "radiusKm must be greater than 0 and at most 100." : $"{field} is required, a number from {min} to {max}."];
            return null;
        }
        return value;
    }
}
