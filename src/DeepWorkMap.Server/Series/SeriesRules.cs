using DeepWorkMap.Contracts.Api;
using DeepWorkMap.Contracts.Series;
using DeepWorkMap.Contracts.Sessions;
using DeepWorkMap.Server.Sessions;

namespace DeepWorkMap.Server.Series;

/// <summary>docs/api.md's rules for creating a weekly series: the session's own rules, plus the plan's.</summary>
public static class SeriesRules
{
    public const int MaxWeeks = 12;

    private static readonly Dictionary<string, DayOfWeek> Days = Enum.GetValues<DayOfWeek>()
        .ToDictionary(day => day.ToString().ToLowerInvariant(), day => day, StringComparer.Ordinal);

    public static SeriesPlan? Validate(CreateSeriesRequest? request, Guid hostId, DateTimeOffset now, Dictionary<string, string[]> errors)
    {
        var template = SessionRules.Validate(request?.Session, hostId, now, errors);
        if (template is { Visibility: SessionVisibilities.Private })
            errors["visibility"] = ["A weekly series is public; create private sessions one by one."];

        var days = new HashSet<DayOfWeek>();
        if (request?.DaysOfWeek is not { Count: > 0 } names || names.Any(name => name is null || !Days.ContainsKey(name)))
            errors["daysOfWeek"] = ["Days of week must be one or more of monday, tuesday, wednesday, thursday, friday, saturday, sunday."];
        else
            days.UnionWith(names.Select(name => Days[name]));

        if (request?.Weeks is not (>= 1 and <= MaxWeeks))
            errors["weeks"] = [$"Weeks must be 1 to {MaxWeeks}."];

        TimeZoneInfo? zone = null;
        if (string.IsNullOrWhiteSpace(request?.TimeZone) || !TimeZoneInfo.TryFindSystemTimeZoneById(request.TimeZone, out zone) || !zone.HasIanaId)
            errors["timeZone"] = ["Time zone must be an IANA name, such as Europe/Berlin."];

        if (errors.Count > 0) return null;
        var starts = WeeklyOccurrences.Of(template!.StartTime, days, request!.Weeks!.Value, zone!);
        if (starts.Count == 0)
        {
            errors["daysOfWeek"] = ["None of these days falls within the series."];
            return null;
        }
        var seriesDays = Enum.GetValues<DayOfWeek>().Where(days.Contains).Select(day => day.ToString().ToLowerInvariant()).ToList();
        return new SeriesPlan(template, seriesDays, request.Weeks.Value, zone!.Id, starts);
    }
}
