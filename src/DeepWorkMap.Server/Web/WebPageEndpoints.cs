using DeepWorkMap.Server.Email;
using Microsoft.AspNetCore.Hosting.StaticWebAssets;
using Microsoft.Extensions.Options;

namespace DeepWorkMap.Server.Web;

/// <summary>
/// The map page: wwwroot through <c>MapStaticAssets</c> (fingerprinted copies, gzip and Brotli made at build time,
/// ETags), the page at "/" naming its modules' fingerprinted copies (<see cref="PageDocument"/>), and the settings it
/// reads at load.
/// </summary>
public static class WebPageEndpoints
{
    /// <summary>The build's list of wwwroot's files and their endpoints, beside the assembly (also where tests run it).</summary>
    private static readonly string Endpoints = Path.Combine(AppContext.BaseDirectory, "DeepWorkMap.Server.staticwebassets.endpoints.json");

    /// <summary>Only a build (not a publish) has it: where the files and their compressed copies are (wwwroot and obj).</summary>
    private static readonly string BuildFiles = Path.Combine(AppContext.BaseDirectory, "DeepWorkMap.Server.staticwebassets.runtime.json");

    /// <summary>Where the page's files are: before routing, so the static asset endpoints find them.</summary>
    public static void UseWebPage(this WebApplication app)
    {
        // Run from a build (`dotnet run`, the tests, whatever the environment), the files are where the build left
        // them, not beside the assembly: published, they are.
        if (File.Exists(BuildFiles))
        {
            var where = new ConfigurationBuilder().AddInMemoryCollection([new(WebHostDefaults.StaticWebAssetsKey, BuildFiles)]).Build();
            StaticWebAssetsLoader.UseStaticWebAssets(app.Environment, where);
        }
    }

    public static void MapWebPage(this IEndpointRouteBuilder routes)
    {
        routes.MapStaticAssets(Endpoints);
        var index = routes.ServiceProvider.GetRequiredService<IWebHostEnvironment>().WebRootFileProvider.GetFileInfo("index.html");
        using (var reader = new StreamReader(index.CreateReadStream()))
        {
            var page = PageDocument.Of(reader.ReadToEnd(), File.ReadAllText(Endpoints));
            // HEAD too, as the static files answered it: uptime checks and link previews ask with HEAD.
            routes.MapMethods("/", [HttpMethods.Get, HttpMethods.Head], (HttpContext http) => page.Answer(http)).ExcludeFromDescription();
        }
        routes.MapGet("/app-config.json", (IOptions<WebPageOptions> web, IOptions<EmailOptions> email, IPushPublicKey push) =>
                TypedResults.Ok(PageConfig.Of(web.Value, email.Value, push.PushPublicKey)))
            .WithTags("Web page").WithSummary("The settings the map page reads at load");
    }
}
