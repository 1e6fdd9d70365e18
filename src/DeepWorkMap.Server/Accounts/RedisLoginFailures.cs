using DeepWorkMap.Server.Persistence;
using StackExchange.Redis;

namespace DeepWorkMap.Server.Accounts;

/// <summary>
/// Failed logins in Redis, so every front door of the cluster counts the same failures: one hash per key
/// (<c>count</c>, <c>last</c> in Unix milliseconds) that expires after a quiet spell.
/// </summary>
public sealed class RedisLoginFailures(RedisConnection redis) : ILoginFailures
{
    private const string Prefix = "deepwork:login-failures:";

    public async Task<LoginFailureRecord?> ReadAsync(string key)
    {
        var fields = await (await redis.DatabaseAsync()).HashGetAsync(Prefix + key, ["count", "last"]);
        if (fields[0].IsNull || fields[1].IsNull) return null;
        return new LoginFailureRecord((int)fields[0], DateTimeOffset.FromUnixTimeMilliseconds((long)fields[1]));
    }

    public async Task RecordAsync(string key, DateTimeOffset at, TimeSpan forgetAfter)
    {
        var database = await redis.DatabaseAsync();
        var transaction = database.CreateTransaction();
        _ = transaction.HashIncrementAsync(Prefix + key, "count");
        _ = transaction.HashSetAsync(Prefix + key, "last", at.ToUnixTimeMilliseconds());
        _ = transaction.KeyExpireAsync(Prefix + key, forgetAfter);
        await transaction.ExecuteAsync();
    }

    public async Task ClearAsync(string key) => await (await redis.DatabaseAsync()).KeyDeleteAsync(Prefix + key);
}
