using System.ComponentModel.DataAnnotations;

namespace DeepWorkMap.Server.Accounts;

/// <summary>Login throttling, from the <c>RateLimits</c> section.</summary>
public sealed class LoginLimits
{
    public const string Section = "RateLimits";

    /// <summary>Login attempts per account (email or username) per minute.</summary>
    [Range(1, int.MaxValue)] public int LoginAttemptsPerAccountPerMinute { get; set; } = 10;

    /// <summary>Login attempts per client address per minute.</summary>
    [Range(1, int.MaxValue)] public int LoginAttemptsPerAddressPerMinute { get; set; } = 60;
}
