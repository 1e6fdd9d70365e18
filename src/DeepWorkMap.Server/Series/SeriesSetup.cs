namespace DeepWorkMap.Server.Series;

/// <summary>Weekly series: what their endpoints answer (the grains are the silo's).</summary>
public static class SeriesSetup
{
    public static IServiceCollection AddSeries(this IServiceCollection services) => services.AddSingleton<WeeklySeries>();
}
