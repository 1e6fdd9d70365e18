using DeepWorkMap.Server.Hosting;
using Microsoft.Extensions.Options;

namespace DeepWorkMap.Server.Web;

/// <summary>
/// The map page: wwwroot through <c>MapStaticAssets</c> (fingerprinted copies, gzip and Brotli made at build time,
/// ETags), and the settings it reads at load.
/// </summary>
public static class WebPageEndpoints
{
    /// <summary>The build's list of wwwroot's files and their endpoints, beside the assembly (also where tests run it).</summary>
    private static readonly string Manifest = Path.Combine(AppContext.BaseDirectory, "DeepWorkMap.Server.staticwebassets.endpoints.json");

    public static void AddWebPage(this IServiceCollection services) => services.AddValidatedOptions<WebPageOptions>(WebPageOptions.Section);

    /// <summary>"/" is the page: must come before routing, so the static asset endpoint for index.html answers it.</summary>
    public static void UseWebPage(this WebApplication app) => app.UseDefaultFiles();

    public static void MapWebPage(this IEndpointRouteBuilder routes)
    {
        routes.MapStaticAssets(Manifest);
        routes.MapGet("/app-config.json", (IOptions<WebPageOptions> options) => TypedResults.Ok(options.Value)).ExcludeFromDescription();
    }
}
