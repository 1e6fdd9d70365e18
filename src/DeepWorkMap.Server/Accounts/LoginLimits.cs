using System.ComponentModel.DataAnnotations;

namespace DeepWorkMap.Server.Accounts;

/// <summary>Login throttling, from the <c>RateLimits</c> section; see <see cref="LoginBackoff"/>.</summary>
public sealed class LoginLimits
{
    public const string Section = "RateLimits";

    /// <summary>Failed logins in a row for one account before each further attempt must wait.</summary>
    [Range(1, int.MaxValue)] public int LoginFailuresBeforeDelay { get; set; } = 5;

    /// <summary>The longest wait between attempts (the wait doubles from 1 s with every failure beyond the free ones).</summary>
    [Range(1, 86_400)] public int LoginMaxDelaySeconds { get; set; } = 900;

    /// <summary>Login attempts per client address per minute, counted per front door.</summary>
    [Range(1, int.MaxValue)] public int LoginAttemptsPerAddressPerMinute { get; set; } = 60;
}
