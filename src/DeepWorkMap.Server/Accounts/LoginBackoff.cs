using DeepWorkMap.Grains;
using Microsoft.Extensions.Options;

namespace DeepWorkMap.Server.Accounts;

/// <summary>
/// Failed logins per account, shared by every front door (<see cref="ILoginFailures"/>: Redis in a cluster).
/// After <see cref="LoginLimits.LoginFailuresBeforeDelay"/> failures in a row, the next attempt must wait 1 s
/// after the last failure, and the wait doubles with every further failure up to
/// <see cref="LoginLimits.LoginMaxDelaySeconds"/>: guessing
/// slows to a crawl, while the owner is only ever made to wait, never locked out. A success clears it.
/// The key is the account as stored (its id), so its username, its email and any spelling that the store
/// folds to the same account share one count; a login that names nobody is keyed by its lowercase form.
/// </summary>
public sealed class LoginBackoff(ILoginFailures failures, IOptions<LoginLimits> limits, Clock clock)
{
    /// <summary>How long until this account may try again; zero when it may now.</summary>
    public async Task<TimeSpan> WaitAsync(string key)
    {
        if (await failures.ReadAsync(key) is not { } record) return TimeSpan.Zero;
        var wait = record.LastAt + DelayAfter(record.Count) - clock.GetUtcNow();
        return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
    }

    public Task FailedAsync(string key) => failures.RecordAsync(key, clock.GetUtcNow(), Forget);

    public Task SucceededAsync(string key) => failures.ClearAsync(key);

    public static string KeyOf(UserAccount? account, string login) => account is null ? "login:" + login.ToLowerInvariant() : "account:" + account.Id;

    private TimeSpan DelayAfter(int count)
    {
        var options = limits.Value;
        var beyond = count - options.LoginFailuresBeforeDelay;
        if (beyond < 0) return TimeSpan.Zero;
        return TimeSpan.FromSeconds(Math.Min(Math.Pow(2, Math.Min(beyond, 30)), options.LoginMaxDelaySeconds));
    }

    /// <summary>A count is forgotten after this long without a failure.</summary>
    private TimeSpan Forget => TimeSpan.FromSeconds(limits.Value.LoginMaxDelaySeconds) * 2;
}
