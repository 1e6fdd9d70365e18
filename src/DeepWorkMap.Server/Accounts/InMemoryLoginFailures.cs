using Microsoft.Extensions.Caching.Memory;

namespace DeepWorkMap.Server.Accounts;

/// <summary>One front door's failed logins, for embedded mode (a single silo) and clusters without Redis.</summary>
public sealed class InMemoryLoginFailures : ILoginFailures, IDisposable
{
    private readonly MemoryCache _records = new(new MemoryCacheOptions { SizeLimit = 1_000_000 });
    private readonly Lock _gate = new();

    public Task<LoginFailureRecord?> ReadAsync(string key) => Task.FromResult(_records.Get<LoginFailureRecord>(key));

    public Task RecordAsync(string key, DateTimeOffset at, TimeSpan forgetAfter)
    {
        lock (_gate)
        {
            var count = (_records.Get<LoginFailureRecord>(key)?.Count ?? 0) + 1;
            _records.Set(key, new LoginFailureRecord(count, at), new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = forgetAfter });
        }
        return Task.CompletedTask;
    }

    public Task ClearAsync(string key)
    {
        _records.Remove(key);
        return Task.CompletedTask;
    }

    public void Dispose() => _records.Dispose();
}
