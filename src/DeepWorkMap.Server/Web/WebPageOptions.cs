using System.ComponentModel.DataAnnotations;

namespace DeepWorkMap.Server.Web;

/// <summary>
/// The <c>Web</c> section, served to the page as <c>/app-config.json</c>: where the map starts when the browser
/// does not say where it is, and the street map's tile server (OpenStreetMap's by default; empty for none). The page
/// always draws its bundled outline beneath, and keeps to it when the tiles cannot load.
/// </summary>
public sealed class WebPageOptions
{
    public const string Section = "Web";

    [Range(-90, 90)] public double DefaultLatitude { get; set; } = 48.8566;

    [Range(-180, 180)] public double DefaultLongitude { get; set; } = 2.3522;

    [Range(1, 19)] public int DefaultZoom { get; set; } = 12;

    /// <summary>A raster tile URL template; empty: no street map, the bundled outline only.</summary>
    public string? TileUrl { get; set; } = "https://tile.openstreetmap.org/{z}/{x}/{y}.png";

    /// <summary>Shown in the map's corner, as the tile server's licence asks (HTML).</summary>
    public string? TileAttribution { get; set; } = "&copy; <a href=\"https://www.openstreetmap.org/copyright\">OpenStreetMap</a> contributors";

    /// <summary>How long a tab may stay hidden before the page reports its user away in the sessions it holds.</summary>
    [Range(1, 3600)] public int AwayAfterSeconds { get; set; } = 120;
}
