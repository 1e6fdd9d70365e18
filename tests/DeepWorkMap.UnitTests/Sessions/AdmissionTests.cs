using DeepWorkMap.Contracts;
using DeepWorkMap.Contracts.Sessions;
using DeepWorkMap.Grains.Sessions;

namespace DeepWorkMap.UnitTests.Sessions;

/// <summary>Who may see a session, take a seat, or wait for one.</summary>
public sealed class AdmissionTests
{
    [Fact]
    public void A_public_session_is_visible_to_anyone_and_a_private_one_only_to_those_in_it_or_holding_its_code()
    {
        Assert.True(Admission.IsVisible(sessionInviteCode: null, viewerTakesPart: false, offeredCode: null));
        var code = InviteCodes.New();
        Assert.False(Admission.IsVisible(code, viewerTakesPart: false, offeredCode: null));
        Assert.False(Admission.IsVisible(code, viewerTakesPart: false, offeredCode: InviteCodes.New()));
        Assert.False(Admission.IsVisible(code, viewerTakesPart: false, offeredCode: code[..^1]));
        Assert.True(Admission.IsVisible(code, viewerTakesPart: false, offeredCode: code));
        Assert.True(Admission.IsVisible(code, viewerTakesPart: true, offeredCode: null));
    }

    [Theory]
    [InlineData(SessionStatuses.StartingSoon, null)]
    [InlineData(SessionStatuses.Live, null)]
    [InlineData(SessionStatuses.Finished, ErrorCodes.SessionFinished)]
    [InlineData(SessionStatuses.Cancelled, ErrorCodes.SessionCancelled)]
    public void Only_a_session_that_is_over_refuses_for_being_over(string status, string? refusal) =>
        Assert.Equal(refusal, Admission.OverRefusal(status));

    [Fact]
    public void Removed_comes_before_blocked_and_blocked_before_a_low_attendance()
    {
        Assert.Equal(ErrorCodes.Removed, Admission.PersonalRefusal(removed: true, blockedByHost: true, meetsAttendance: false));
        Assert.Equal(ErrorCodes.Blocked, Admission.PersonalRefusal(removed: false, blockedByHost: true, meetsAttendance: false));
        Assert.Equal(ErrorCodes.AttendanceTooLow, Admission.PersonalRefusal(removed: false, blockedByHost: false, meetsAttendance: false));
        Assert.Null(Admission.PersonalRefusal(removed: false, blockedByHost: false, meetsAttendance: true));
    }

    [Fact]
    public void A_seat_is_free_until_the_capacity_is_seated()
    {
        Assert.Null(Admission.SeatRefusal(seated: 1, capacity: 2));
        Assert.Equal(ErrorCodes.SessionFull, Admission.SeatRefusal(seated: 2, capacity: 2));
        // After a lowered capacity nobody is put out, and nobody else gets in.
        Assert.Equal(ErrorCodes.SessionFull, Admission.SeatRefusal(seated: 3, capacity: 2));
    }

    [Fact]
    public void The_line_is_for_a_full_session_and_holds_its_capacity()
    {
        Assert.Equal(ErrorCodes.SeatsAvailable, Admission.LineRefusal(seated: 4, capacity: 5, waiting: 0, waitlistCapacity: 5));
        Assert.Null(Admission.LineRefusal(seated: 5, capacity: 5, waiting: 4, waitlistCapacity: 5));
        Assert.Equal(ErrorCodes.WaitlistFull, Admission.LineRefusal(seated: 5, capacity: 5, waiting: 5, waitlistCapacity: 5));
        Assert.Equal(ErrorCodes.WaitlistFull, Admission.LineRefusal(seated: 5, capacity: 5, waiting: 0, waitlistCapacity: 0));
    }
}
