using DeepWorkMap.Server.Email;
using Microsoft.AspNetCore.Hosting.StaticWebAssets;
using Microsoft.Extensions.Options;

namespace DeepWorkMap.Server.Web;

/// <summary>
/// The map page: wwwroot through <c>MapStaticAssets</c> (fingerprinted copies, gzip and Brotli made at build time,
/// ETags), and the settings it reads at load.
/// </summary>
public static class WebPageEndpoints
{
    /// <summary>The build's list of wwwroot's files and their endpoints, beside the assembly (also where tests run it).</summary>
    private static readonly string Endpoints = Path.Combine(AppContext.BaseDirectory, "DeepWorkMap.Server.staticwebassets.endpoints.json");

    /// <summary>Only a build (not a publish) has it: where the files and their compressed copies are (wwwroot and obj).</summary>
    private static readonly string BuildFiles = Path.Combine(AppContext.BaseDirectory, "DeepWorkMap.Server.staticwebassets.runtime.json");

    /// <summary>"/" is the page: must come before routing, so the static asset endpoint for index.html answers it.</summary>
    public static void UseWebPage(this WebApplication app)
    {
        // Run from a build (`dotnet run`, the tests, whatever the environment), the files are where the build left
        // them, not beside the assembly: published, they are.
        if (File.Exists(BuildFiles))
        {
            var where = new ConfigurationBuilder().AddInMemoryCollection([new(WebHostDefaults.StaticWebAssetsKey, BuildFiles)]).Build();
            StaticWebAssetsLoader.UseStaticWebAssets(app.Environment, where);
        }
        // Only "/" is a folder with a page: asked of every request, the default-files check stats the disk for each API call.
        app.UseWhen(context => context.Request.Path == "/", page => page.UseDefaultFiles());
    }

    public static void MapWebPage(this IEndpointRouteBuilder routes)
    {
        routes.MapStaticAssets(Endpoints);
        routes.MapGet("/app-config.json", (IOptions<WebPageOptions> web, IOptions<EmailOptions> email, IPushPublicKey push) =>
                TypedResults.Ok(PageConfig.Of(web.Value, email.Value, push.PushPublicKey)))
            .WithTags("Web page").WithSummary("The settings the map page reads at load");
    }
}
