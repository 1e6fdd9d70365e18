using DeepWorkMap.Contracts;
using DeepWorkMap.Contracts.Sessions;
using DeepWorkMap.Grains.Sessions;

namespace DeepWorkMap.UnitTests.Sessions;

/// <summary>A host's edit: refused on a stale version, after the start for when and where, and below the seated; otherwise applied field by field.</summary>
public sealed class SessionEditsTests
{
    private static readonly CreateSession Facts = new(
        Guid.NewGuid(), "Linear algebra", "Maths", "silent", 52.52, 13.40, new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero), 90, 6,
        VenueNote: "Table 4", Description: "Chapter 3", WaitlistLimit: 3, MinAttendanceRate: 0.5);

    [Fact]
    public void An_edit_made_on_another_version_is_refused_so_it_cannot_undo_a_newer_one()
    {
        Assert.Equal(ErrorCodes.VersionConflict, SessionEdits.Refusal(new SessionEdit(Title: "x", ExpectedVersion: 2), version: 3, SessionStatuses.StartingSoon, seated: 1));
        Assert.Null(SessionEdits.Refusal(new SessionEdit(Title: "x", ExpectedVersion: 3), version: 3, SessionStatuses.StartingSoon, seated: 1));
        Assert.Null(SessionEdits.Refusal(new SessionEdit(Title: "x"), version: 3, SessionStatuses.StartingSoon, seated: 1));
    }

    [Fact]
    public void When_and_where_change_only_before_the_start_while_what_it_is_about_changes_any_time()
    {
        foreach (var reschedule in new[] { new SessionEdit(StartTime: Facts.StartTime.AddHours(1)), new SessionEdit(DurationMinutes: 60), new SessionEdit(Latitude: 52.0), new SessionEdit(Longitude: 13.0) })
        {
            Assert.Null(SessionEdits.Refusal(reschedule, 0, SessionStatuses.StartingSoon, 1));
            Assert.Equal(ErrorCodes.SessionStarted, SessionEdits.Refusal(reschedule, 0, SessionStatuses.Live, 1));
        }
        Assert.Null(SessionEdits.Refusal(new SessionEdit(Title: "Now live"), 0, SessionStatuses.Live, 1));
    }

    [Fact]
    public void Those_in_the_session_are_told_what_changed_and_only_that()
    {
        var later = Facts with { StartTime = Facts.StartTime.AddMinutes(2) };
        Assert.Equal("It starts at a new time.", SessionEdits.Describe(Facts, later));
        Assert.Equal("It now lasts 40 minutes.", SessionEdits.Describe(Facts, Facts with { DurationMinutes = 40 }));
        Assert.Equal("It is at a new place.", SessionEdits.Describe(Facts, Facts with { Longitude = 13.41 }));
        Assert.Equal("It starts at a new time. It now lasts 40 minutes. It is at a new place.",
            SessionEdits.Describe(Facts, later with { DurationMinutes = 40, Latitude = 52.53 }));
    }

    [Fact]
    public void The_capacity_never_goes_below_the_participants_in()
    {
        Assert.Equal(ErrorCodes.CapacityBelowParticipants, SessionEdits.Refusal(new SessionEdit(MaxParticipants: 3), 0, SessionStatuses.Live, seated: 4));
        Assert.Null(SessionEdits.Refusal(new SessionEdit(MaxParticipants: 4), 0, SessionStatuses.Live, seated: 4));
    }

    [Fact]
    public void Null_leaves_a_field_an_empty_text_clears_it_and_a_zero_minimum_attendance_drops_it()
    {
        Assert.Equal(Facts, SessionEdits.Apply(Facts, new SessionEdit()));
        var edited = SessionEdits.Apply(Facts, new SessionEdit(Title: "Topology", Description: "", VenueNote: "", MaxParticipants: 8, WaitlistLimit: 0, MinAttendanceRate: 0));
        Assert.Equal(Facts with { Title = "Topology", Description = null, VenueNote = null, MaxParticipants = 8, WaitlistLimit = 0, MinAttendanceRate = null }, edited);
        Assert.Equal(0.8, SessionEdits.Apply(Facts, new SessionEdit(MinAttendanceRate: 0.8)).MinAttendanceRate);
    }

    [Fact]
    public void Participants_hear_of_an_edit_that_changes_when_or_where_and_not_of_one_that_changes_what()
    {
        Assert.False(SessionEdits.Reschedules(Facts, SessionEdits.Apply(Facts, new SessionEdit(Title: "Topology", MaxParticipants: 9))));
        Assert.True(SessionEdits.Reschedules(Facts, SessionEdits.Apply(Facts, new SessionEdit(DurationMinutes: 60))));
        Assert.True(SessionEdits.Reschedules(Facts, SessionEdits.Apply(Facts, new SessionEdit(StartTime: Facts.StartTime.AddDays(1)))));
        var moved = SessionEdits.Apply(Facts, new SessionEdit(Latitude: 52.53));
        Assert.True(SessionEdits.Moves(Facts, moved) && SessionEdits.Reschedules(Facts, moved));
        // The same values again are no change.
        Assert.False(SessionEdits.Reschedules(Facts, SessionEdits.Apply(Facts, new SessionEdit(StartTime: Facts.StartTime, Latitude: Facts.Latitude))));
    }
}
