using DeepWorkMap.Contracts;
using DeepWorkMap.Contracts.Sessions;

namespace DeepWorkMap.Grains.Sessions;

/// <summary>
/// Who may see a session, take a seat in it, or wait for one: the rules alone, as functions of what the session knows,
/// so they are tested without a cluster. The grain gathers the facts (some need a call: whether the host blocks the
/// user, their attendance) and acts on the answer.
/// </summary>
public static class Admission
{
    /// <summary>A public session is visible to anyone; a private one to those in it (seated or waiting) and to whoever offers its invite code.</summary>
    public static bool IsVisible(string? sessionInviteCode, bool viewerTakesPart, string? offeredCode) =>
        sessionInviteCode is null || viewerTakesPart || InviteCodes.Matches(offeredCode, sessionInviteCode);

    /// <summary>The refusal for acting on a session that is over, if it is.</summary>
    public static string? OverRefusal(string status) => status switch
    {
        SessionStatuses.Finished => ErrorCodes.SessionFinished,
        SessionStatuses.Cancelled => ErrorCodes.SessionCancelled,
        _ => null,
    };

    /// <summary>
    /// Why a user may not take a seat or a place in line, whatever the seats: the host removed them, the host blocks them,
    /// or their attendance is below the session's minimum (null: they meet it, or the session sets none). In that order,
    /// so the grain asks for what costs a call only when the cheaper reasons did not already refuse.
    /// </summary>
    public static string? PersonalRefusal(bool removed, bool blockedByHost, bool meetsAttendance) =>
        removed ? ErrorCodes.Removed
        : blockedByHost ? ErrorCodes.Blocked
        : !meetsAttendance ? ErrorCodes.AttendanceTooLow
        : null;

    /// <summary>A seat is free while fewer than the capacity are seated (the host holds one).</summary>
    public static string? SeatRefusal(int seated, int capacity) => seated >= capacity ? ErrorCodes.SessionFull : null;

    /// <summary>The line is for a full session only, and holds at most its capacity.</summary>
    public static string? LineRefusal(int seated, int capacity, int waiting, int waitlistCapacity) =>
        seated < capacity ? ErrorCodes.SeatsAvailable
        : waiting >= waitlistCapacity ? ErrorCodes.WaitlistFull
        : null;
}
