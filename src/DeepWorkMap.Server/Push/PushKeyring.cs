using DeepWorkMap.Server.Hosting;
using DeepWorkMap.Server.Web;
using Microsoft.Extensions.Options;

namespace DeepWorkMap.Server.Push;

/// <summary>
/// The VAPID keys this process pushes with: the configured pair; in embedded mode without one, a pair made at start-up
/// (its subscriptions die with the process anyway); in a cluster without one, none, and push is off.
/// </summary>
public sealed partial class PushKeyring : IPushPublicKey
{
    public PushKeyring(IOptions<PushOptions> options, DeploymentSettings deployment, ILogger<PushKeyring> logger)
    {
        var push = options.Value;
        if (push.HasKeys) Keys = new VapidKeys(push.VapidPublicKey!, push.VapidPrivateKey!, push.Subject);
        else if (!deployment.IsDurable) Keys = VapidKeys.Generate(push.Subject);
        else if (deployment.ServesClients) LogPushOff(logger);
    }

    /// <summary>Null: this server offers no push (app-config.json has no <c>pushPublicKey</c>, subscribing answers 503).</summary>
    public VapidKeys? Keys { get; }

    public string? PushPublicKey => Keys?.PublicKey;

    [LoggerMessage(Level = LogLevel.Warning, Message =
        "No VAPID keys (Push:VapidPublicKey, Push:VapidPrivateKey) are configured: Web Push is off. See docs/operations.md to make a pair.")]
    private static partial void LogPushOff(ILogger logger);
}
