using System.Globalization;
using System.Net;
using DeepWorkMap.Contracts.Users;
using DeepWorkMap.Server.Email;
using DeepWorkMap.Server.Web;

namespace DeepWorkMap.Server.Notifications;

/// <summary>
/// The mail of a stored notification, for an owner who may receive mail and asked for its kind: its title and text,
/// the session's start in the owner's time zone, a link to the session, and a way out of mail of that kind.
/// </summary>
public sealed class NotificationMails(PublicLinks links, UnsubscribeLinks unsubscribe)
{
    /// <summary>The kinds as the preferences name them ("Email me when …").</summary>
    private static readonly Dictionary<string, string> KindWords = new(StringComparer.Ordinal)
    {
        [NotificationKinds.SessionReminder] = "a session of yours is about to start",
        [NotificationKinds.WaitlistPromoted] = "you get a seat from a waitlist",
        [NotificationKinds.SessionCancelled] = "a session of yours is cancelled",
        [NotificationKinds.SessionChanged] = "a session of yours moves",
        [NotificationKinds.RemovedFromSession] = "a host removes you",
        [NotificationKinds.FollowedHostHosting] = "someone you follow hosts near your home area",
    };

    public OutgoingMail? Compose(MailableNotification owner)
    {
        var n = owner.Notification;
        if (!owner.MayReceiveMail || !owner.EmailKinds.Contains(n.Kind)) return null;
        var lines = new List<string> { n.Body };
        if (n.StartTime is { } start) lines.Add($"{(n.Kind == NotificationKinds.SessionCancelled ? "It was to start" : "Starts")} {InZone(start, owner.TimeZone)}.");
        var open = n.SessionId is { } sessionId ? links.SessionPage(sessionId) : links.Base.AbsoluteUri;
        var why = $"You get this mail because you asked for mail when {KindWords.GetValueOrDefault(n.Kind, n.Kind)}.";
        var stop = unsubscribe.Page(n.UserId, n.Kind);
        var text = $"Hello {owner.DisplayName},\n\n{n.Title}\n\n{string.Join("\n", lines)}\n\nOpen it: {open}\n\n-- \n{why}\nStop these mails: {stop}\n";
        var html = $"""
            <p>Hello {WebUtility.HtmlEncode(owner.DisplayName)},</p>
            <h1 style="font-size:1.2em">{WebUtility.HtmlEncode(n.Title)}</h1>
            {string.Concat(lines.Select(line => $"<p>{WebUtility.HtmlEncode(line)}</p>"))}
            <p><a href="{WebUtility.HtmlEncode(open)}">Open it on DeepWork Map</a></p>
            <hr>
            <p style="font-size:0.9em">{WebUtility.HtmlEncode(why)} <a href="{WebUtility.HtmlEncode(stop)}">Stop these mails</a>.</p>
            """;
        return new OutgoingMail(owner.Email, n.Title, text, html, unsubscribe.OneClick(n.UserId, n.Kind));
    }

    /// <summary>"Friday 4 December 2026, 23:10 (Europe/Berlin)": the owner's zone, named, so nobody has to convert.</summary>
    public static string InZone(DateTimeOffset time, string timeZone)
    {
        var zone = TimeZoneInfo.TryFindSystemTimeZoneById(timeZone, out var found) ? found : TimeZoneInfo.Utc;
        var local = TimeZoneInfo.ConvertTime(time, zone);
        return local.ToString("dddd d MMMM yyyy, HH:mm", CultureInfo.InvariantCulture) + $" ({(zone == TimeZoneInfo.Utc ? "UTC" : timeZone)})";
    }
}
