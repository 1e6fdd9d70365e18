using System.ComponentModel.DataAnnotations;

namespace DeepWorkMap.Server.Push;

/// <summary>
/// The <c>Push</c> section: the VAPID key pair this server signs its pushes with (the browser's subscription is bound to
/// the public key, so every front door must use the same pair), the contact the push services see, the cap of devices
/// per account, and how undelivered pushes are retried.
/// </summary>
public sealed class PushOptions
{
    public const string Section = "Push";

    /// <summary>The uncompressed P-256 public key, base64url (87 characters); the page subscribes with it.</summary>
    public string? VapidPublicKey { get; set; }

    /// <summary>The P-256 private key, base64url (43 characters).</summary>
    public string? VapidPrivateKey { get; set; }

    /// <summary>Who runs this server, for the push services: a <c>mailto:</c> or <c>https:</c> address.</summary>
    public string Subject { get; set; } = "mailto:no-reply@localhost";

    /// <summary>
    /// An <c>http://</c> origin also accepted as a subscription's endpoint (a local push service stand-in, such as the
    /// tests' web-push-testing); every other endpoint must be <c>https://</c>.
    /// </summary>
    public string? TestOrigin { get; set; }

    /// <summary>Subscriptions (browsers) one account may hold; a further one is refused with <c>limit_reached</c>.</summary>
    [Range(1, 100)] public int MaxSubscriptionsPerUser { get; set; } = 10;

    /// <summary>Attempts at one push while its push service fails (not 404, 410 or 403) before it is given up.</summary>
    [Range(1, 100)] public int MaxAttempts { get; set; } = 10;

    /// <summary>The longest wait between two attempts at one push (the wait doubles from 1 s).</summary>
    [Range(1, 86_400)] public int RetryMaxSeconds { get; set; } = 300;

    /// <summary>How often a front door looks for notifications and pushes stored by others.</summary>
    [Range(1, 3600)] public int PollSeconds { get; set; } = 2;

    public bool HasKeys => !string.IsNullOrEmpty(VapidPublicKey) || !string.IsNullOrEmpty(VapidPrivateKey);
}
