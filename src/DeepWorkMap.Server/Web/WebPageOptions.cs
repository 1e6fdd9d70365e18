using System.ComponentModel.DataAnnotations;

namespace DeepWorkMap.Server.Web;

/// <summary>
/// The <c>Web</c> section, served to the page as <c>/app-config.json</c>: where the map starts when the browser
/// does not say where it is, and an optional tile server (none by default: the page draws its bundled outline).
/// </summary>
public sealed class WebPageOptions
{
    public const string Section = "Web";

    [Range(-90, 90)] public double DefaultLatitude { get; set; } = 48.8566;

    [Range(-180, 180)] public double DefaultLongitude { get; set; } = 2.3522;

    [Range(1, 19)] public int DefaultZoom { get; set; } = 12;

    /// <summary>e.g. <c>https://tile.openstreetmap.org/{z}/{x}/{y}.png</c>.</summary>
    public string? TileUrl { get; set; }

    public string? TileAttribution { get; set; }

    /// <summary>How long a tab may stay hidden before the page reports its user away in the sessions it holds.</summary>
    [Range(1, 3600)] public int AwayAfterSeconds { get; set; } = 120;
}
