using DeepWorkMap.Contracts.Api;
using DeepWorkMap.Contracts.Sessions;
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
        if (capacity is < 1 or > 500)
            errors["maxParticipants"] = ["Capacity must be 1 to 500 participants."];

        if (errors.Count > 0) return null;
        return new CreateSession(hostId, title!, subject!, type!, latitude!.Value, longitude!.Value,
            WholeMilliseconds(start!.Value.ToUniversalTime()), request!.DurationMinutes!.Value, capacity, venueNote, visibility, description);
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
            errors[field] = [$"{char.ToUpperInvariant(field[0])}{field[1..]} {UserText.Rule}."];
            return null;
        }
        return trimmed;
    }
}
