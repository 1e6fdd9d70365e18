using DeepWorkMap.Grains;
using Microsoft.Extensions.Options;

namespace DeepWorkMap.Server.Accounts;

/// <summary>
/// Failed logins, counted so that guessing slows to a crawl while an attacker cannot aim the slowdown at the owner
/// (shared by every front door through <see cref="ILoginFailures"/> and <see cref="IFamiliarNetworks"/>: Redis in a cluster).
/// <list type="bullet">
/// <item>Failures count per account and network, or per account and device when the attempt carries a device cookie
/// (<see cref="LoginDevices"/>). After <see cref="AccountLimits.LoginFailuresBeforeDelay"/> in a row, the next attempt from
/// there waits 1 s after the last failure, doubling with every further failure up to <see cref="AccountLimits.LoginMaxDelaySeconds"/>.</item>
/// <item>Failures from unfamiliar places (no device cookie, and a network the account has not signed in from lately) also
/// count for the whole account; past <see cref="AccountLimits.LoginFailuresPerAccountBeforeDelay"/> every attempt from an
/// unfamiliar place waits the same way. That stops a guesser spread over many networks, and still lets the owner in from
/// home or from their own browser.</item>
/// </list>
/// A success clears its own count and makes its network familiar; the account-wide count is left to lapse, so a success
/// cannot hand a distributed guesser a fresh allowance. The owner is only ever made to wait, never locked out.
/// </summary>
public sealed class LoginBackoff(ILoginFailures failures, IFamiliarNetworks familiar, IOptions<AccountLimits> limits, Clock clock)
{
    public async Task<LoginCheck> CheckAsync(LoginAttempt attempt)
    {
        var options = limits.Value;
        var isFamiliar = attempt.Device is not null || await familiar.IsFamiliarAsync(attempt.Account, attempt.Network);
        var wait = WaitAfter(await failures.ReadAsync(attempt.OwnKey), options.LoginFailuresBeforeDelay);
        if (!isFamiliar)
        {
            var accountWide = WaitAfter(await failures.ReadAsync(attempt.Account), options.LoginFailuresPerAccountBeforeDelay);
            if (accountWide > wait) wait = accountWide;
        }
        return new LoginCheck(wait, isFamiliar);
    }

    public async Task FailedAsync(LoginAttempt attempt, LoginCheck check)
    {
        var now = clock.GetUtcNow();
        await failures.RecordAsync(attempt.OwnKey, now, Forget);
        if (!check.Familiar) await failures.RecordAsync(attempt.Account, now, Forget);
    }

    public async Task SucceededAsync(LoginAttempt attempt)
    {
        await failures.ClearAsync(attempt.OwnKey);
        await familiar.RememberAsync(attempt.Account, attempt.Network, TimeSpan.FromDays(limits.Value.LoginFamiliarNetworkDays));
    }

    /// <summary>How long after the last of <paramref name="record"/>'s failures the next attempt must wait; zero once it has.</summary>
    private TimeSpan WaitAfter(LoginFailureRecord? record, int freeFailures)
    {
        if (record is null) return TimeSpan.Zero;
        var beyond = record.Count - freeFailures;
        if (beyond < 0) return TimeSpan.Zero;
        var delay = TimeSpan.FromSeconds(Math.Min(Math.Pow(2, Math.Min(beyond, 30)), limits.Value.LoginMaxDelaySeconds));
        var wait = record.LastAt + delay - clock.GetUtcNow();
        return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
    }

    /// <summary>A count is forgotten after this long without a failure.</summary>
    private TimeSpan Forget => TimeSpan.FromSeconds(limits.Value.LoginMaxDelaySeconds) * 2;
}
