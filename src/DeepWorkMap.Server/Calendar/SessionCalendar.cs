using System.Globalization;
using DeepWorkMap.Contracts.Sessions;
using DeepWorkMap.Grains.Geo;
using DeepWorkMap.Server.Sessions;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;

namespace DeepWorkMap.Server.Calendar;

/// <summary>
/// Sessions as RFC 5545 events (Ical.Net): a stable UID per session, UTC times, a SEQUENCE that grows with every
/// edit, STATUS:CANCELLED once cancelled, the place at the caller's privacy level, the page's address, and an alarm
/// at the user's reminder lead time.
/// </summary>
public static class SessionCalendar
{
    public const string ContentType = "text/calendar; charset=utf-8";

    /// <param name="sessions">Each session as the caller may see it (the venue for participants only).</param>
    /// <param name="pageUrl">The page's address of a session, absolute (built from Web:PublicBaseUrl).</param>
    /// <param name="alarmMinutes">The caller's reminder lead time; null: no alarm.</param>
    public static string Write(IEnumerable<SessionSnapshot> sessions, Func<Guid, string> pageUrl, int? alarmMinutes, string name)
    {
        var calendar = new Ical.Net.Calendar { ProductId = "-//DeepWork Map//Study sessions//EN" };
        calendar.AddProperty("X-WR-CALNAME", name);
        foreach (var session in sessions) calendar.Events.Add(EventOf(session, pageUrl(session.Id), alarmMinutes));
        return new CalendarSerializer().SerializeToString(calendar)!;
    }

    private static CalendarEvent EventOf(SessionSnapshot session, string url, int? alarmMinutes)
    {
        var cancelled = session.Status == SessionStatuses.Cancelled;
        var happening = new CalendarEvent
        {
            Uid = $"{session.Id:D}@deepworkmap",
            Summary = session.Title,
            Description = Describe(session, url),
            Start = Utc(session.StartTime),
            End = Utc(session.EndTime),
            DtStamp = Utc(session.UpdatedAt),
            LastModified = Utc(session.UpdatedAt),
            Sequence = session.Version - 1,
            Status = cancelled ? "CANCELLED" : "CONFIRMED",
            Location = Place(session),
            Url = new Uri(url),
        };
        if (alarmMinutes is { } minutes && !cancelled)
            happening.Alarms.Add(new Alarm { Action = "DISPLAY", Description = $"{session.Title} starts in {minutes} minutes", Trigger = new Trigger(Duration.FromMinutes(-minutes)) });
        return happening;
    }

    private static CalDateTime Utc(DateTimeOffset time) => new(time.UtcDateTime);

    /// <summary>
    /// The venue and note for participants; for anyone else the public position, said to be approximate (from the position
    /// the API shows, so the two agree to the last digit the calendar writes).
    /// </summary>
    private static string Place(SessionSnapshot session) => session.Venue is { } venue
        ? $"{Coordinates(venue.Latitude, venue.Longitude)}{(venue.Note is null ? "" : $" · {venue.Note}")}"
        : $"Within about {PublicPosition.AboutMetres} m of {Coordinates(ShownCoordinates.Of(session.Latitude), ShownCoordinates.Of(session.Longitude))} (join to see the exact place)";

    private static string Coordinates(double latitude, double longitude) =>
        string.Create(CultureInfo.InvariantCulture, $"{latitude:F5}, {longitude:F5}");

    private static string Describe(SessionSnapshot session, string url)
    {
        var lines = new List<string> { $"{session.Subject} · {session.SessionType}" };
        if (session.Description is { } description) lines.Add(description);
        if (session.Status == SessionStatuses.Cancelled) lines.Add(session.CancelReason is { } reason ? $"Cancelled: {reason}" : "Cancelled by the host.");
        lines.Add(url);
        return string.Join("\n", lines);
    }
}
