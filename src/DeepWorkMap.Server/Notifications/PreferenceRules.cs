using DeepWorkMap.Contracts.Api;
using DeepWorkMap.Contracts.Users;

namespace DeepWorkMap.Server.Notifications;

/// <summary>docs/api.md's rules for preferences: the whole set is sent each time (PUT).</summary>
public static class PreferenceRules
{
    public const double MaxHomeRadiusKm = 100;

    public static UserPreferences? Validate(PreferencesDto? request, Dictionary<string, string[]> errors)
    {
        if (request is null)
        {
            errors["body"] = ["A JSON object with the preferences is required."];
            return null;
        }
        if (request.ReminderMinutes is { } minutes && !UserPreferences.ReminderChoices.Contains(minutes))
            errors["reminderMinutes"] = ["Reminder minutes must be 5, 15, 60, or null for no reminders."];
        var muted = request.MutedKinds ?? [];
        if (muted.Any(kind => kind is null || !NotificationKinds.All.Contains(kind)))
            errors["mutedKinds"] = [$"Muted kinds must be among {string.Join(", ", NotificationKinds.All)}."];
        if (request.EmailKinds is { } mailed && mailed.Any(kind => kind is null || !NotificationKinds.All.Contains(kind)))
            errors["emailKinds"] = [$"Email kinds must be among {string.Join(", ", NotificationKinds.All)}."];
        var zone = request.TimeZone ?? "UTC";
        if (!TimeZoneInfo.TryFindSystemTimeZoneById(zone, out var found) || !found.HasIanaId)
            errors["timeZone"] = ["Time zone must be an IANA name, such as Europe/Berlin."];
        HomeArea? home = null;
        if (request.HomeArea is { } area)
        {
            if (area.Latitude is not { } lat || !double.IsFinite(lat) || lat is < -90 or > 90
                || area.Longitude is not { } lng || !double.IsFinite(lng) || lng is < -180 or > 180
                || area.RadiusKm is not { } radius || !double.IsFinite(radius) || radius is <= 0 or > MaxHomeRadiusKm)
                errors["homeArea"] = [$"Home area needs a latitude (-90 to 90), a longitude (-180 to 180) and a radius in km (above 0, at most {MaxHomeRadiusKm})."];
            else home = new HomeArea(lat, lng, radius);
        }
        return errors.Count > 0 ? null : new UserPreferences(request.ReminderMinutes, muted.Distinct().Order(StringComparer.Ordinal).ToList(), zone, home, request.StatsHidden ?? false,
            request.EmailKinds?.Distinct().Order(StringComparer.Ordinal).ToList());
    }

    public static PreferencesDto ToDto(UserPreferences p) => new(p.ReminderMinutes, p.MutedKinds, p.TimeZone,
        p.HomeArea is { } home ? new HomeAreaDto(home.Latitude, home.Longitude, home.RadiusKm) : null, p.StatsHidden, p.MailedKinds);
}
