using DeepWorkMap.Contracts.Api;
using DeepWorkMap.Contracts.Sessions;
using DeepWorkMap.Grains.Sessions;
using DeepWorkMap.Server.Http;

namespace DeepWorkMap.Server.Sessions;

/// <summary>docs/api.md's validation rules for creating a session.</summary>
public static class SessionRules
{
    public const int DefaultMaxParticipants = 10;
    public const int MaxVenueNoteLength = 200;
    public const int MaxDescriptionLength = 2000;
    public static readonly TimeSpan EarliestStart = TimeSpan.FromMinutes(5);
    public static readonly TimeSpan LatestStart = TimeSpan.FromDays(30);
    public const int MaxCapacity = 500;
    public const int MaxCancelReasonLength = 500;

    public static CreateSession? Validate(CreateSessionRequest? request, Guid hostId, DateTimeOffset now, Dictionary<string, string[]> errors)
    {
        var title = Text(request?.Title, "title", 200, errors);
        var subject = Text(request?.Subject, "subject", 100, errors);
        var venueNote = string.IsNullOrWhiteSpace(request?.VenueNote) ? null : Text(request.VenueNote, "venueNote", MaxVenueNoteLength, errors);

        var type = request?.SessionType;
        if (type is null || !SessionTypes.All.Contains(type))
            errors["sessionType"] = ["Session type must be one of silent, discussion, exam-prep."];

        var latitude = request?.Latitude;
        if (latitude is not { } lat || !double.IsFinite(lat) || lat is < -90 or > 90)
            errors["latitude"] = ["Latitude must be a number from -90 to 90."];
        var longitude = request?.Longitude;
        if (longitude is not { } lng || !double.IsFinite(lng) || lng is < -180 or > 180)
            errors["longitude"] = ["Longitude must be a number from -180 to 180."];

        var start = request?.StartTime;
        if (start is null || start < now - EarliestStart || start > now + LatestStart)
            errors["startTime"] = ["Start time must be from 5 minutes ago to 30 days ahead."];

        if (request?.DurationMinutes is not (>= 1 and <= 720))
            errors["durationMinutes"] = ["Duration must be 1 to 720 minutes."];

        var description = string.IsNullOrWhiteSpace(request?.Description) ? null : request.Description.Trim();
        if (description is not null && (description.Length > MaxDescriptionLength || !UserText.IsAcceptableText(description)))
            errors["description"] = [$"Description must be at most {MaxDescriptionLength} characters, and {UserText.Rule}."];
        var visibility = request?.Visibility ?? SessionVisibilities.Public;
        if (!SessionVisibilities.All.Contains(visibility))
            errors["visibility"] = ["Visibility must be public or private."];
        var capacity = request?.MaxParticipants ?? DefaultMaxParticipants;
        Capacity(capacity, errors);
        WaitlistLimit(request?.WaitlistLimit, errors);
        MinAttendanceRate(request?.MinAttendanceRate, errors);
        var timer = request?.Timer is null ? null : ValidateTimer(request.Timer, errors);

        if (errors.Count > 0) return null;
        return new CreateSession(hostId, title!, subject!, type!, latitude!.Value, longitude!.Value,
            WholeMilliseconds(start!.Value.ToUniversalTime()), request!.DurationMinutes!.Value, capacity, venueNote, visibility, description,
            request.WaitlistLimit, request.MinAttendanceRate is > 0 ? request.MinAttendanceRate : null, Timer: timer);
    }

    /// <summary>A shared timer: 1–180 minutes of focus, 0–60 of break, 1–20 cycles.</summary>
    public static TimerPlan? ValidateTimer(TimerDto? timer, Dictionary<string, string[]> errors)
    {
        if (timer?.FocusMinutes is not (>= 1 and <= 180) || timer.BreakMinutes is not (>= 0 and <= 60) || timer.Cycles is not (>= 1 and <= 20))
        {
            errors["timer"] = ["A timer needs focusMinutes 1 to 180, breakMinutes 0 to 60 and cycles 1 to 20."];
            return null;
        }
        return new TimerPlan(timer.FocusMinutes.Value, timer.BreakMinutes.Value, timer.Cycles.Value);
    }

    /// <summary>A goal: one line of 1 to <see cref="StudySessionGrain.MaxGoalLength"/> characters after trimming.</summary>
    public static string? ValidateGoal(GoalDto? goal, Dictionary<string, string[]> errors)
    {
        var text = goal?.Text?.Trim();
        if (string.IsNullOrEmpty(text) || text.Length > StudySessionGrain.MaxGoalLength || !UserText.IsAcceptableLine(text))
        {
            errors["text"] = [$"A goal is 1 to {StudySessionGrain.MaxGoalLength} characters, and {UserText.LineRule}."];
            return null;
        }
        return text;
    }

    /// <summary>
    /// An edit's fields, each checked as at creation when present. A new start may lie as far ahead as the session
    /// already does (a series occurrence may be weeks away), and at least 30 days.
    /// </summary>
    public static SessionEdit? ValidateEdit(EditSessionRequest? request, DateTimeOffset currentStart, DateTimeOffset now, Dictionary<string, string[]> errors)
    {
        if (request is null)
        {
            errors["body"] = ["A JSON object with the fields to change is required."];
            return null;
        }
        var title = request.Title is null ? null : Text(request.Title, "title", 200, errors);
        var subject = request.Subject is null ? null : Text(request.Subject, "subject", 100, errors);
        var venueNote = request.VenueNote is null ? null : request.VenueNote.Trim().Length == 0 ? "" : Text(request.VenueNote, "venueNote", MaxVenueNoteLength, errors);
        var description = request.Description?.Trim();
        if (description is { Length: > 0 } && (description.Length > MaxDescriptionLength || !UserText.IsAcceptableText(description)))
            errors["description"] = [$"Description must be at most {MaxDescriptionLength} characters, and {UserText.Rule}."];
        if (request.Latitude is { } lat && (!double.IsFinite(lat) || lat is < -90 or > 90))
            errors["latitude"] = ["Latitude must be a number from -90 to 90."];
        if (request.Longitude is { } lng && (!double.IsFinite(lng) || lng is < -180 or > 180))
            errors["longitude"] = ["Longitude must be a number from -180 to 180."];
        if ((request.Latitude is null) != (request.Longitude is null))
            errors["latitude"] = ["A new place needs both latitude and longitude."];
        var latest = now + LatestStart > currentStart ? now + LatestStart : currentStart;
        if (request.StartTime is { } start && (start < now - EarliestStart || start > latest))
            errors["startTime"] = ["Start time must be from 5 minutes ago to 30 days ahead (or as far ahead as the session already is)."];
        if (request.DurationMinutes is { } duration && duration is not (>= 1 and <= 720))
            errors["durationMinutes"] = ["Duration must be 1 to 720 minutes."];
        if (request.MaxParticipants is { } capacity) Capacity(capacity, errors);
        WaitlistLimit(request.WaitlistLimit, errors);
        MinAttendanceRate(request.MinAttendanceRate, errors);
        if (request.Version is < 1) errors["version"] = ["Version must be a positive whole number."];

        if (errors.Count > 0) return null;
        return new SessionEdit(title, subject, description, request.StartTime is { } s ? WholeMilliseconds(s.ToUniversalTime()) : null,
            request.DurationMinutes, request.Latitude, request.Longitude, venueNote, request.MaxParticipants, request.WaitlistLimit,
            request.MinAttendanceRate, request.Version);
    }

    /// <summary>A cancellation's reason: optional, one paragraph.</summary>
    public static string? ValidateCancelReason(string? reason, Dictionary<string, string[]> errors)
    {
        var trimmed = reason?.Trim();
        if (string.IsNullOrEmpty(trimmed)) return null;
        if (trimmed.Length > MaxCancelReasonLength || !UserText.IsAcceptableText(trimmed))
            errors["reason"] = [$"Reason must be at most {MaxCancelReasonLength} characters, and {UserText.Rule}."];
        return trimmed;
    }

    private static void Capacity(int capacity, Dictionary<string, string[]> errors)
    {
        if (capacity is < 1 or > MaxCapacity) errors["maxParticipants"] = [$"Capacity must be 1 to {MaxCapacity} participants."];
    }

    private static void WaitlistLimit(int? limit, Dictionary<string, string[]> errors)
    {
        if (limit is < 0 or > MaxCapacity) errors["waitlistLimit"] = [$"Waitlist limit must be 0 (no waitlist) to {MaxCapacity}."];
    }

    private static void MinAttendanceRate(double? rate, Dictionary<string, string[]> errors)
    {
        if (rate is { } r && (!double.IsFinite(r) || r is < 0 or > 1))
            errors["minAttendanceRate"] = ["Minimum attendance rate must be from 0 (none) to 1."];
    }

    /// <summary>The API writes times to the millisecond; a session starts at exactly the instant it shows.</summary>
    private static DateTimeOffset WholeMilliseconds(DateTimeOffset time) =>
        new(time.Ticks - time.Ticks % TimeSpan.TicksPerMillisecond, time.Offset);

    private static string? Text(string? value, string field, int maxLength, Dictionary<string, string[]> errors)
    {
        var trimmed = value?.Trim();
        if (string.IsNullOrEmpty(trimmed) || trimmed.Length > maxLength)
        {
            errors[field] = [$"{char.ToUpperInvariant(field[0])}{field[1..]} must be 1 to {maxLength} characters."];
            return null;
        }
        if (!UserText.IsAcceptableLine(trimmed))
        {
            errors[field] = [$"{char.ToUpperInvariant(field[0])}{field[1..]} {UserText.LineRule}."];
            return null;
        }
        return trimmed;
    }
}
