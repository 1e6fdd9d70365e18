using DeepWorkMap.Server.Hosting;
using Orleans.Dashboard;

namespace DeepWorkMap.Server.Telemetry;

/// <summary>
/// The operators' listener (<see cref="OperationsOptions"/>): Kestrel listens on its address besides the public ones,
/// and what is served is decided by the port a request came in on, never by its Host header, which a client chooses.
/// </summary>
public static class OperationsEndpoints
{
    public const string MetricsPath = "/metrics";
    public const string DashboardPath = "/dashboard";

    /// <summary>
    /// Adds the operations address (<see cref="DeploymentSettings.OperationsUrl"/>) to the ones Kestrel listens on
    /// (<c>--urls</c>, <c>ASPNETCORE_URLS</c>): <c>UseUrls</c> replaces that list, so the public ones are carried over
    /// as ASP.NET Core itself reads them, a <c>;</c>-separated string.
    /// </summary>
    public static void ListenForOperations(this WebApplicationBuilder builder, DeploymentSettings settings)
    {
        if (settings.OperationsUrl is not { } url) return;
        var urls = builder.Configuration[WebHostDefaults.ServerUrlsKey] is { Length: > 0 } configured ? configured : "http://localhost:5000";
        builder.WebHost.UseUrls([.. urls.Split(';', StringSplitOptions.RemoveEmptyEntries), url.GetLeftPart(UriPartial.Authority)]);
    }

    /// <summary>
    /// Before everything else: the operations port serves metrics, the dashboard and health only; the public ports never
    /// serve metrics or the dashboard.
    /// </summary>
    public static void UseOperations(this WebApplication app)
    {
        var settings = app.Services.GetRequiredService<DeploymentSettings>();
        if (settings.OperationsUrl is not { } url) return;
        app.Use((context, next) =>
        {
            var path = context.Request.Path;
            var operatorsOnly = path.StartsWithSegments(MetricsPath) || path.StartsWithSegments(DashboardPath);
            if (operatorsOnly == (context.Connection.LocalPort == url.Port) || path.StartsWithSegments("/health")) return next(context);
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return Task.CompletedTask;
        });
        app.UseOpenTelemetryPrometheusScrapingEndpoint(context => context.Connection.LocalPort == url.Port && context.Request.Path == MetricsPath);
        if (settings.ServesDashboard) app.MapOrleansDashboard(DashboardPath);
    }
}
