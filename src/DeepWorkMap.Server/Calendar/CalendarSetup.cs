namespace DeepWorkMap.Server.Calendar;

/// <summary>Calendar: the .ics files of sessions and of personal feeds.</summary>
public static class CalendarSetup
{
    public static IServiceCollection AddCalendar(this IServiceCollection services) => services.AddSingleton<CalendarFiles>();
}
