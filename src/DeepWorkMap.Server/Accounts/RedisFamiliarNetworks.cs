using DeepWorkMap.Server.Persistence;

namespace DeepWorkMap.Server.Accounts;

/// <summary>Familiar networks in Redis, so every front door of the cluster knows them: one expiring key per account and network.</summary>
public sealed class RedisFamiliarNetworks(RedisConnection redis) : IFamiliarNetworks
{
    private const string Prefix = "deepwork:login-familiar:";

    public async Task<bool> IsFamiliarAsync(string account, string network) =>
        await (await redis.DatabaseAsync()).KeyExistsAsync(Prefix + IFamiliarNetworks.KeyOf(account, network));

    public async Task RememberAsync(string account, string network, TimeSpan forgetAfter) =>
        await (await redis.DatabaseAsync()).StringSetAsync(Prefix + IFamiliarNetworks.KeyOf(account, network), 1, forgetAfter);
}
