using DeepWorkMap.Grains.Focus;
using DeepWorkMap.Server.Hosting;

namespace DeepWorkMap.Server.Stats;

/// <summary>Focus stats: the focus log and what is worked out from it.</summary>
public static class StatsSetup
{
    public static IServiceCollection AddStats(this IServiceCollection services, DeploymentSettings settings) =>
        services.AddStatsStores(settings.IsDurable).AddSingleton<FocusStats>().AddSingleton<FocusStatsViews>();

    public static IServiceCollection AddStatsStores(this IServiceCollection services, bool durable) => durable
        ? services.AddSingleton<IFocusLog, PostgresFocusLog>()
        : services.AddSingleton<IFocusLog, InMemoryFocusLog>();
}
