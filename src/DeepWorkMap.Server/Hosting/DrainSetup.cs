namespace DeepWorkMap.Server.Hosting;

/// <summary>The stop signal drains a front door before the host stops (<see cref="FrontDoorDrain"/>).</summary>
public static class DrainSetup
{
    public static IServiceCollection AddDrain(this IServiceCollection services)
    {
        services.AddValidatedOptions<DrainOptions>(DrainOptions.Section);
        services.AddSingleton<FrontDoorDrain>();
        // Registered after the console lifetime the builder added, so the host resolves this one.
        services.AddSingleton<IHostLifetime, DrainingLifetime>();
        return services;
    }
}
