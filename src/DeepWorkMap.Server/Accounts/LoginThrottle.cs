using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace DeepWorkMap.Server.Accounts;

/// <summary>
/// Login attempts per account (the per-address limit is the "login" rate-limiter policy on the endpoint).
/// The account is only known once the body is read, so this one is asked from inside the endpoint.
/// </summary>
public sealed class LoginThrottle(IOptions<LoginLimits> limits) : IDisposable
{
    private readonly PartitionedRateLimiter<string> _perAccount = PartitionedRateLimiter.Create<string, string>(
        login => RateLimitPartition.GetFixedWindowLimiter(login, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = limits.Value.LoginAttemptsPerAccountPerMinute,
            Window = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
        }));

    public bool TryAcquire(string login)
    {
        using var lease = _perAccount.AttemptAcquire(login.Trim().ToLowerInvariant());
        return lease.IsAcquired;
    }

    public void Dispose() => _perAccount.Dispose();
}
