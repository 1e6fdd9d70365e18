using DeepWorkMap.Server.Hosting;
using Microsoft.Extensions.Options;

namespace DeepWorkMap.Server.Web;

/// <summary>The map page: static files from wwwroot and the settings it reads at load.</summary>
public static class WebPageEndpoints
{
    public static void AddWebPage(this IServiceCollection services, DeploymentSettings settings)
    {
        services.AddValidatedOptions<WebPageOptions>(WebPageOptions.Section);
        PublicLinks.AddTo(services, settings);
    }

    /// <summary>Serves wwwroot; must come before routing, or the API's fallback answers "/" first.</summary>
    public static void UseWebPage(this WebApplication app)
    {
        app.UseDefaultFiles();
        app.UseStaticFiles();
    }

    public static void MapWebPage(this IEndpointRouteBuilder routes) =>
        routes.MapGet("/app-config.json", (IOptions<WebPageOptions> options) => TypedResults.Ok(options.Value)).ExcludeFromDescription();
}
