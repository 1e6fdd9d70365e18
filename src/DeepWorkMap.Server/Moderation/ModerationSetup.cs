using DeepWorkMap.Server.Hosting;
using DeepWorkMap.Server.Http;
using DeepWorkMap.Server.Identity;
using Microsoft.AspNetCore.RateLimiting;

namespace DeepWorkMap.Server.Moderation;

/// <summary>Moderation: who moderates, the reports users make with their limits, and their stores.</summary>
public static class ModerationSetup
{
    public static IServiceCollection AddModeration(this IServiceCollection services, DeploymentSettings settings)
    {
        services.AddModerationStores(settings.IsDurable);
        services.AddValidatedOptions<ModerationOptions>(ModerationOptions.Section).Validate(options => options.AreIds, ModerationOptions.IdsOnly);
        services.AddSingleton<Moderators>();
        services.AddSingleton<ReportFiling>();
        services.AddSingleton<ReportQueue>();
        services.AddSingleton<ModeratorActions>();
        services.Configure<RateLimiterOptions>(options => options.AddFixedWindowPolicy<ModerationOptions>(ReportEndpoints.RatePolicy,
            http => CurrentUser.IdOf(http.User)?.ToString(),
            limits => limits.ReportsPerUserPerHour, TimeSpan.FromHours(1)));
        return services;
    }

    public static IServiceCollection AddModerationStores(this IServiceCollection services, bool durable)
    {
        if (durable)
        {
            services.AddSingleton<IReportStore, PostgresReportStore>();
            services.AddSingleton<IModeratorStore, PostgresModeratorStore>();
        }
        else
        {
            services.AddSingleton<IReportStore, InMemoryReportStore>();
            services.AddSingleton<IModeratorStore, InMemoryModeratorStore>();
        }
        return services;
    }
}
