using DeepWorkMap.Server.Email;

namespace DeepWorkMap.Server.Web;

/// <summary>
/// <c>/app-config.json</c>: the <c>Web</c> section as the page needs it, and whether accounts must verify their address
/// before they host (so the page asks for it only where it is asked of them), and the VAPID public key the page
/// subscribes to Web Push with (null: this server offers no push).
/// </summary>
public sealed record PageConfig(
    double DefaultLatitude, double DefaultLongitude, int DefaultZoom, string? TileUrl, string? TileAttribution, int AwayAfterSeconds,
    bool EmailVerificationRequired, string? PushPublicKey)
{
    public static PageConfig Of(WebPageOptions web, EmailOptions email, string? pushPublicKey) => new(
        web.DefaultLatitude, web.DefaultLongitude, web.DefaultZoom, web.TileUrl, web.TileAttribution, web.AwayAfterSeconds, email.RequireVerification,
        pushPublicKey);
}
