using System.ComponentModel.DataAnnotations;

namespace DeepWorkMap.Server.Accounts;

/// <summary>Login, password-reset and registration throttling, from the <c>Accounts</c> section; see <see cref="LoginBackoff"/>.</summary>
public sealed class AccountLimits
{
    public const string Section = "Accounts";

    /// <summary>Failed logins in a row on one account from one network (or one device) before each further attempt from there must wait.</summary>
    [Range(1, int.MaxValue)] public int LoginFailuresBeforeDelay { get; set; } = 5;

    /// <summary>
    /// Failed logins on one account from unfamiliar places (neither a device that signed in before nor a network the
    /// account signed in from), all networks together, before every attempt from such a place must wait.
    /// </summary>
    [Range(1, int.MaxValue)] public int LoginFailuresPerAccountBeforeDelay { get; set; } = 100;

    /// <summary>The longest wait between attempts (the wait doubles from 1 s with every failure beyond the free ones).</summary>
    [Range(1, 86_400)] public int LoginMaxDelaySeconds { get; set; } = 900;

    /// <summary>How long a device's cookie names it as one that signed in to the account.</summary>
    [Range(1, 3650)] public int LoginDeviceDays { get; set; } = 90;

    /// <summary>How long a network stays familiar to an account after the account signed in from it.</summary>
    [Range(1, 3650)] public int LoginFamiliarNetworkDays { get; set; } = 30;

    /// <summary>Login attempts per client network per minute, counted per front door.</summary>
    [Range(1, int.MaxValue)] public int LoginAttemptsPerAddressPerMinute { get; set; } = 60;

    /// <summary>Password reset requests per client network per hour, counted per front door.</summary>
    [Range(1, int.MaxValue)] public int PasswordResetsPerAddressPerHour { get; set; } = 10;

    /// <summary>Accounts registered per client network per hour, counted per front door; 0 turns the cap off.</summary>
    [Range(0, int.MaxValue)] public int SignupsPerAddressPerHour { get; set; } = 20;
}
