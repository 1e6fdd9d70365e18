namespace DeepWorkMap.Server.Web;

/// <summary>
/// The VAPID public key the page subscribes to Web Push with, or null when this server offers no push. The page's
/// configuration names it; the Push feature provides it, so the page (which features' mail and links build on) does
/// not depend on that feature.
/// </summary>
public interface IPushPublicKey
{
    string? PushPublicKey { get; }
}
