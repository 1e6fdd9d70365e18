using DeepWorkMap.Contracts;
using DeepWorkMap.Contracts.Sessions;

namespace DeepWorkMap.Grains.Sessions;

/// <summary>What a host's edit may change, and what the session becomes: pure functions of the edit and the session.</summary>
public static class SessionEdits
{
    /// <summary>
    /// Why an edit by the host is refused, if it is: it was made on another version than the session's (so it would undo
    /// someone's change), it moves the session in time or space after it started, or it lowers the capacity below the
    /// participants already in. A session that is over is refused before (<see cref="Admission.OverRefusal"/>).
    /// </summary>
    public static string? Refusal(SessionEdit edit, int version, string status, int seated) =>
        edit.ExpectedVersion is { } expected && expected != version ? ErrorCodes.VersionConflict
        : edit.Reschedules && status != SessionStatuses.StartingSoon ? ErrorCodes.SessionStarted
        : edit.MaxParticipants < seated ? ErrorCodes.CapacityBelowParticipants
        : null;

    /// <summary>The session's facts after the edit: null leaves a field as it is, an empty text clears it, a minimum attendance of 0 drops it.</summary>
    public static CreateSession Apply(CreateSession facts, SessionEdit edit) => facts with
    {
        Title = edit.Title ?? facts.Title,
        Subject = edit.Subject ?? facts.Subject,
        Description = edit.Description is null ? facts.Description : NullIfEmpty(edit.Description),
        StartTime = edit.StartTime ?? facts.StartTime,
        DurationMinutes = edit.DurationMinutes ?? facts.DurationMinutes,
        Latitude = edit.Latitude ?? facts.Latitude,
        Longitude = edit.Longitude ?? facts.Longitude,
        VenueNote = edit.VenueNote is null ? facts.VenueNote : NullIfEmpty(edit.VenueNote),
        MaxParticipants = edit.MaxParticipants ?? facts.MaxParticipants,
        WaitlistLimit = edit.WaitlistLimit ?? facts.WaitlistLimit,
        MinAttendanceRate = edit.MinAttendanceRate is null ? facts.MinAttendanceRate : edit.MinAttendanceRate > 0 ? edit.MinAttendanceRate : null,
    };

    /// <summary>Whether the participants hear of the edit: it changed when or where the session is.</summary>
    public static bool Reschedules(CreateSession before, CreateSession after) =>
        after.StartTime != before.StartTime || after.DurationMinutes != before.DurationMinutes || Moves(before, after);

    public static bool Moves(CreateSession before, CreateSession after) => after.Latitude != before.Latitude || after.Longitude != before.Longitude;

    /// <summary>
    /// What a rescheduling edit changed, as told to those in the session: each of the start, the length and the place
    /// that changed, and nothing that did not. The start goes with the notice as a time, which each reader sees in their
    /// own zone, so the text never names one.
    /// </summary>
    public static string Describe(CreateSession before, CreateSession after) => string.Join(' ', new[]
    {
        after.StartTime != before.StartTime ? "It starts at a new time." : null,
        after.DurationMinutes != before.DurationMinutes ? $"It now lasts {after.DurationMinutes} minutes." : null,
        Moves(before, after) ? "It is at a new place." : null,
    }.OfType<string>());

    private static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;
}
