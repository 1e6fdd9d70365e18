using DeepWorkMap.Contracts.Users;
using DeepWorkMap.Server.Calendar;

namespace DeepWorkMap.UnitTests.Calendar;

/// <summary>Whose reminder an .ics file carries, and which file names are a feed's address.</summary>
public sealed class CalendarFilesTests
{
    [Fact]
    public void Someone_signed_out_gets_the_default_reminder()
    {
        Assert.Equal(UserPreferences.DefaultReminderMinutes, CalendarFiles.AlarmMinutes(null));
    }

    [Fact]
    public void A_signed_in_reader_gets_their_own_reminder_and_none_when_they_turned_reminders_off()
    {
        Assert.Equal(45, CalendarFiles.AlarmMinutes(UserPreferences.Default with { ReminderMinutes = 45 }));
        Assert.Null(CalendarFiles.AlarmMinutes(UserPreferences.Default with { ReminderMinutes = null }));
    }

    [Theory]
    [InlineData("abc123.ics", "abc123")]
    [InlineData(".ics", "")]
    [InlineData("abc123.ICS", null)]
    [InlineData("abc123", null)]
    [InlineData("abc123.ics.txt", null)]
    public void Only_a_name_ending_in_ics_carries_a_token(string file, string? token)
    {
        Assert.Equal(token, CalendarFiles.FeedToken(file));
    }
}
