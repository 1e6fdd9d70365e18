using Microsoft.Extensions.Caching.Memory;

namespace DeepWorkMap.Server.Accounts;

/// <summary>One front door's familiar networks, for embedded mode and clusters without Redis.</summary>
public sealed class InMemoryFamiliarNetworks : IFamiliarNetworks, IDisposable
{
    private readonly MemoryCache _known = new(new MemoryCacheOptions { SizeLimit = 1_000_000 });

    public Task<bool> IsFamiliarAsync(string account, string network) => Task.FromResult(_known.TryGetValue(IFamiliarNetworks.KeyOf(account, network), out _));

    public Task RememberAsync(string account, string network, TimeSpan forgetAfter)
    {
        _known.Set(IFamiliarNetworks.KeyOf(account, network), true, new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = forgetAfter });
        return Task.CompletedTask;
    }

    public void Dispose() => _known.Dispose();
}
