using System.Globalization;
using DeepWorkMap.Server.Http;

namespace DeepWorkMap.Server.Stats;

/// <summary>
/// The days a stats request asks for (docs/api.md, <c>GET /api/me/stats</c>): <c>to</c> defaults to today in the
/// caller's zone, <c>from</c> to <see cref="FocusStats.DefaultDays"/> days ending on <c>to</c>, and the range is at most
/// <see cref="FocusStats.MaxDays"/> days.
/// </summary>
public static class FocusRange
{
    public const string DayRule = "A day as yyyy-MM-dd, from 1970-01-01 to 2999-12-31.";

    /// <summary>The first and last day asked for, or the refusal naming each bad field.</summary>
    public static ((DateOnly First, DateOnly Last)? Range, Refusal? Refusal) Read(string? from, string? to, DateOnly today)
    {
        var errors = new Dictionary<string, string[]>();
        var last = ParseDay(to, "to", errors) ?? today;
        // The default range stops at the first day there is (a "to" in January 1970 gets fewer days, not days before it).
        var first = ParseDay(from, "from", errors) ?? Max(last.AddDays(1 - FocusStats.DefaultDays), FocusStats.FirstDay);
        if (errors.Count == 0 && (first > last || last.DayNumber - first.DayNumber >= FocusStats.MaxDays))
            errors["from"] = [$"from must not be after to, and the range at most {FocusStats.MaxDays} days."];
        return errors.Count > 0 ? (null, Refusal.Validation(errors)) : ((first, last), null);
    }

    private static DateOnly Max(DateOnly a, DateOnly b) => a > b ? a : b;

    /// <summary>
    /// A day as <c>yyyy-MM-dd</c>, within <see cref="FocusStats.FirstDay"/> and <see cref="FocusStats.LastDay"/>: the
    /// default range counts back from <c>to</c>, and days are turned into instants in the user's zone, which the
    /// calendar's very first and last days do not survive.
    /// </summary>
    private static DateOnly? ParseDay(string? text, string field, Dictionary<string, string[]> errors)
    {
        if (text is null) return null;
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
            && day >= FocusStats.FirstDay && day <= FocusStats.LastDay) return day;
        errors[field] = [$"{field} must be a date as yyyy-MM-dd, from {FocusStats.FirstDay:yyyy-MM-dd} to {FocusStats.LastDay:yyyy-MM-dd}."];
        return null;
    }
}
