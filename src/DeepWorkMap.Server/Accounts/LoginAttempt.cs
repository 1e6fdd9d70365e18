using DeepWorkMap.Server.Identity;
namespace DeepWorkMap.Server.Accounts;

/// <summary>
/// Who tries to sign in to what, as the throttle counts it. <paramref name="Account"/> is the account as stored (its
/// id), so its username, its email and any spelling the store folds to it are one account; a login that names nobody
/// is keyed by its lowercase form and throttled the same way. <paramref name="Network"/> is the client's network
/// (<see cref="Http.RateLimits.AddressOf"/>); <paramref name="Device"/> the id of a device that signed in to this
/// account before (<see cref="LoginDevices"/>), or null.
/// </summary>
public sealed record LoginAttempt(string Account, string Network, string? Device)
{
    public static LoginAttempt Of(UserAccount? account, string login, string network, string? device) =>
        new(account is null ? "login:" + login.ToLowerInvariant() : "account:" + account.Id, network, device);

    /// <summary>The failures this attempt counts with: its device's on this account, else its network's.</summary>
    public string OwnKey => Device is { } device ? $"{Account}|device:{device}" : $"{Account}|network:{Network}";
}

/// <summary>What the throttle says before the password is checked: how long to wait, and whether the attempt comes from a familiar place.</summary>
public sealed record LoginCheck(TimeSpan Wait, bool Familiar);
