namespace DeepWorkMap.Server.Accounts;

/// <summary>Embedded mode's devices: the same rules as PostgreSQL's, gone when the process ends.</summary>
public sealed class InMemoryDeviceStore : IDeviceStore
{
    private sealed record Token(Guid DeviceId, DateTimeOffset ExpiresAt)
    {
        public DateTimeOffset? RotatedAt { get; set; }
    }

    private readonly Lock _gate = new();
    private readonly Dictionary<Guid, Device> _devices = [];
    private readonly Dictionary<string, Token> _tokens = [];

    public Task<IReadOnlyList<Guid>> AddAsync(Device device, byte[] refreshHash, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            var now = device.CreatedAt;
            foreach (var dead in _devices.Values.Where(d => d.UserId == device.UserId && (d.RevokedAt ?? d.ExpiresAt) < now - DeviceRules.KeptAfterDeath).ToList())
                Forget(dead.Id);
            _devices[device.Id] = device;
            _tokens[Convert.ToHexString(refreshHash)] = new Token(device.Id, device.ExpiresAt);
            var excess = Live(device.UserId, now).Skip(DeviceRules.MaxLivePerAccount).Select(d => d.Id).ToList();
            return Task.FromResult(Revoke(excess, now));
        }
    }

    public Task<Rotation> RotateAsync(byte[] hash, byte[] nextHash, DateTimeOffset now, string network, string? userAgent, TimeSpan keptLifetime, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            if (!_tokens.TryGetValue(Convert.ToHexString(hash), out var token) || !_devices.TryGetValue(token.DeviceId, out var device) || device.RevokedAt is not null)
                return Task.FromResult(new Rotation(RefreshOutcome.Refused, null));
            if (token.RotatedAt is not null)
            {
                Revoke([device.Id], now);
                return Task.FromResult(new Rotation(RefreshOutcome.Reused, _devices[device.Id]));
            }
            if (token.ExpiresAt <= now) return Task.FromResult(new Rotation(RefreshOutcome.Refused, null));
            token.RotatedAt = now;
            var expiresAt = now + DeviceRules.RefreshLifetime(device.KeepSignedIn, keptLifetime);
            _tokens[Convert.ToHexString(nextHash)] = new Token(device.Id, expiresAt);
            foreach (var (key, _) in _tokens.Where(t => t.Value.DeviceId == device.Id && t.Value.RotatedAt is not null && t.Value.ExpiresAt < now).ToList())
                _tokens.Remove(key);
            var used = device with { LastUsedAt = now, Network = network, UserAgent = userAgent, ExpiresAt = expiresAt };
            _devices[device.Id] = used;
            return Task.FromResult(new Rotation(RefreshOutcome.Rotated, used));
        }
    }

    public Task<Guid?> OwnerOfAsync(byte[] hash, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult(_tokens.TryGetValue(Convert.ToHexString(hash), out var token) && token.RotatedAt is null && token.ExpiresAt > now
                && _devices.TryGetValue(token.DeviceId, out var device) && device.RevokedAt is null ? device.UserId : (Guid?)null);
        }
    }

    public Task<IReadOnlyList<Device>> LiveAsync(Guid userId, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        lock (_gate) return Task.FromResult<IReadOnlyList<Device>>(Live(userId, now));
    }

    public Task<IReadOnlyList<Guid>> RevokeAsync(Guid userId, IReadOnlyCollection<Guid>? deviceIds, Guid? except, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            var chosen = Live(userId, now).Select(d => d.Id).Where(id => (deviceIds is null || deviceIds.Contains(id)) && id != except).ToList();
            return Task.FromResult(Revoke(chosen, now));
        }
    }

    public Task<IReadOnlyList<Guid>> RevokedSinceAsync(Guid userId, DateTimeOffset since, CancellationToken cancellationToken = default)
    {
        lock (_gate)
            return Task.FromResult<IReadOnlyList<Guid>>([.. _devices.Values.Where(d => d.UserId == userId && d.RevokedAt > since).Select(d => d.Id)]);
    }

    private List<Device> Live(Guid userId, DateTimeOffset now) =>
        [.. _devices.Values.Where(d => d.UserId == userId && d.IsLive(now)).OrderByDescending(d => d.LastUsedAt)];

    private IReadOnlyList<Guid> Revoke(IReadOnlyList<Guid> ids, DateTimeOffset now)
    {
        foreach (var id in ids) _devices[id] = _devices[id] with { RevokedAt = now };
        return ids;
    }

    private void Forget(Guid deviceId)
    {
        _devices.Remove(deviceId);
        foreach (var (key, _) in _tokens.Where(t => t.Value.DeviceId == deviceId).ToList()) _tokens.Remove(key);
    }
}
