namespace DeepWorkMap.Grains.Sessions;

/// <summary>
/// Who came to the sessions that took place (the <c>attendance</c> table): one row per session and participant,
/// written once when the session finishes.
/// </summary>
public interface IAttendanceStore
{
    /// <summary>Records each participant as attended (checked in) or a no-show; writing the same session again changes nothing.</summary>
    Task RecordAsync(Guid sessionId, IReadOnlyList<(Guid UserId, bool Attended)> participants, DateTimeOffset at, CancellationToken cancellationToken = default);

    Task<AttendanceRecord> OfAsync(Guid userId, CancellationToken cancellationToken = default);
}
