namespace DeepWorkMap.Server.Realtime;

/// <summary>
/// One of the <see cref="Count"/> parts a front door's registrations are renewed in, one part per tick of
/// <see cref="LiveRenewal"/>. A period's renewals are thousands of grain calls (one per watched session and region, two
/// per connected user); made all at once they queued every chat message behind them for tens of milliseconds each
/// period, the durable chat's low-rate tail (docs/benchmarks.md, "Chat fan-out"). Spread over the period, each
/// registration is still renewed once a period.
/// </summary>
public readonly record struct RenewalSlice(int Index, int Count)
{
    public bool Holds(Guid id) => Holds(id.GetHashCode());

    public bool Holds(string key) => Holds(StringComparer.Ordinal.GetHashCode(key));

    private bool Holds(int hash) => (uint)hash % (uint)Count == (uint)Index;
}
