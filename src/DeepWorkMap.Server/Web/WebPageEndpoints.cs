using System.Globalization;

namespace DeepWorkMap.Server.Web;

/// <summary>
/// The web page's own settings, read from configuration: where the map starts when the browser does not
/// say where it is, and an optional tile server (none by default: the page draws its bundled world outline).
/// </summary>
public sealed record WebPageSettings(double DefaultLatitude, double DefaultLongitude, int DefaultZoom, string? TileUrl, string? TileAttribution)
{
    public static WebPageSettings From(IConfiguration configuration) => new(
        configuration.GetValue("Web:DefaultLatitude", 48.8566),
        configuration.GetValue("Web:DefaultLongitude", 2.3522),
        configuration.GetValue("Web:DefaultZoom", 12),
        NullIfBlank(configuration["Web:TileUrl"]),
        NullIfBlank(configuration["Web:TileAttribution"]));

    private static string? NullIfBlank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}

public static class WebPageEndpoints
{
    /// <summary>Serves wwwroot; must come before routing, or the API's fallback answers "/" first.</summary>
    public static void UseWebPage(this WebApplication app)
    {
        app.UseDefaultFiles();
        app.UseStaticFiles();
    }

    public static void MapWebPage(this WebApplication app)
    {
        var settings = WebPageSettings.From(app.Configuration);
        app.MapGet("/app-config.json", () => TypedResults.Ok(settings)).ExcludeFromDescription();
    }
}
