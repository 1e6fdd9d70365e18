using DeepWorkMap.Grains.Accounts;

namespace DeepWorkMap.Server.Identity;

/// <summary>Embedded mode's account store: same rules as PostgreSQL's, gone when the process ends.</summary>
public sealed class InMemoryUserStore : IUserStore, IAccountStanding
{
    private readonly HashSet<Guid> _closed = [];
    private readonly HashSet<Guid> _suspended = [];
    private readonly Lock _gate = new();
    private readonly Dictionary<Guid, UserAccount> _byId = [];
    private readonly Dictionary<string, Guid> _byEmail = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, Guid> _byUsername = new(StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<string> _retiredEmails = [];
    private readonly HashSet<string> _retiredUsernames = [];
    private readonly Dictionary<string, (Guid UserId, DateTimeOffset Until)> _heldEmails = [];

    public Task<CreateUserOutcome> CreateAsync(UserAccount account, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            if (!EmailFreeFor(account.Id, account.Email, account.CreatedAt)) return Task.FromResult(CreateUserOutcome.EmailTaken);
            if (_byUsername.ContainsKey(account.Username) || _retiredUsernames.Contains(ClosedAccount.UsernameKey(account.Username)))
                return Task.FromResult(CreateUserOutcome.UsernameTaken);
            _byId.Add(account.Id, account);
            _byEmail.Add(account.Email, account.Id);
            _byUsername.Add(account.Username, account.Id);
            return Task.FromResult(CreateUserOutcome.Created);
        }
    }

    public Task<UserAccount?> FindByLoginAsync(string login, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            var index = login.Contains('@') ? _byEmail : _byUsername;
            return Task.FromResult(index.TryGetValue(login, out var id) ? _byId[id] : null);
        }
    }

    public Task<UserAccount?> FindByIdAsync(Guid id, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult(_byId.GetValueOrDefault(id));
        }
    }

    public Task<IReadOnlyDictionary<Guid, UserAccount>> FindManyAsync(IReadOnlyCollection<Guid> ids, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            IReadOnlyDictionary<Guid, UserAccount> found = ids.Distinct()
                .Where(_byId.ContainsKey)
                .ToDictionary(id => id, id => _byId[id]);
            return Task.FromResult(found);
        }
    }

    public Task CloseAsync(Guid id, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            if (!_byId.TryGetValue(id, out var account) || account.ClosedAt is not null) return Task.CompletedTask;
            _byEmail.Remove(account.Email);
            _byUsername.Remove(account.Username);
            _retiredEmails.Add(ClosedAccount.EmailKey(account.Email));
            _retiredUsernames.Add(ClosedAccount.UsernameKey(account.Username));
            var (email, username) = ClosedAccount.Placeholders(id);
            _byId[id] = account with
            {
                Email = email, Username = username, DisplayName = IUserStore.ClosedDisplayName, AvatarUrl = null, PasswordHash = "", UpdatedAt = now, ClosedAt = now,
            };
            _closed.Add(id);
            return Task.CompletedTask;
        }
    }

    public Task<bool> SetSuspendedAsync(Guid id, bool suspended, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            if (!_byId.ContainsKey(id) || _closed.Contains(id)) return Task.FromResult(false);
            if (suspended) _suspended.Add(id);
            else _suspended.Remove(id);
            return Task.FromResult(true);
        }
    }

    public Task<bool> IsOpenAsync(Guid userId, CancellationToken cancellationToken = default)
    {
        lock (_gate) return Task.FromResult(_byId.ContainsKey(userId) && !_closed.Contains(userId) && !_suspended.Contains(userId));
    }

    public Task<UserAccount?> UpdateProfileAsync(Guid id, string displayName, string? avatarUrl, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            if (!_byId.TryGetValue(id, out var account)) return Task.FromResult<UserAccount?>(null);
            var updated = account with { DisplayName = displayName, AvatarUrl = avatarUrl, UpdatedAt = now };
            _byId[id] = updated;
            return Task.FromResult<UserAccount?>(updated);
        }
    }

    public Task<bool> MarkEmailVerifiedAsync(Guid id, string email, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            if (!_byId.TryGetValue(id, out var account) || account.ClosedAt is not null || !string.Equals(account.Email, email, StringComparison.OrdinalIgnoreCase))
                return Task.FromResult(false);
            _byId[id] = account with { EmailVerifiedAt = account.EmailVerifiedAt ?? now };
            return Task.FromResult(true);
        }
    }

    public Task<UserAccount?> SetPasswordAsync(Guid id, string passwordHash, DateTimeOffset now, bool refuseOlderTokens = true, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            if (!_byId.TryGetValue(id, out var account) || account.ClosedAt is not null) return Task.FromResult<UserAccount?>(null);
            var updated = account with { PasswordHash = passwordHash, TokensValidFrom = refuseOlderTokens ? now : account.TokensValidFrom, UpdatedAt = now };
            _byId[id] = updated;
            return Task.FromResult<UserAccount?>(updated);
        }
    }

    public Task<EmailChangeOutcome> ChangeEmailAsync(
        Guid id, string email, DateTimeOffset now, DateTimeOffset? holdLeftUntil, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            if (!_byId.TryGetValue(id, out var account) || account.ClosedAt is not null) return Task.FromResult(EmailChangeOutcome.NoAccount);
            if (!EmailFreeFor(id, email, now)) return Task.FromResult(EmailChangeOutcome.EmailTaken);
            if (holdLeftUntil is { } until) _heldEmails[ClosedAccount.EmailKey(account.Email)] = (id, until);
            _byEmail.Remove(account.Email);
            _byEmail[email] = id;
            _byId[id] = account with { Email = email, EmailVerifiedAt = now, UpdatedAt = now };
            return Task.FromResult(EmailChangeOutcome.Changed);
        }
    }

    public Task<bool> IsEmailFreeForAsync(Guid id, string email, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        lock (_gate) return Task.FromResult(EmailFreeFor(id, email, now));
    }

    /// <summary>Under the gate.</summary>
    private bool EmailFreeFor(Guid id, string email, DateTimeOffset now)
    {
        if (_byEmail.TryGetValue(email, out var holder) && holder != id) return false;
        var key = ClosedAccount.EmailKey(email);
        if (_retiredEmails.Contains(key)) return false;
        return !(_heldEmails.TryGetValue(key, out var held) && held.UserId != id && held.Until > now);
    }

    public Task<DateTimeOffset?> TokensValidFromAsync(Guid userId, CancellationToken cancellationToken = default)
    {
        lock (_gate) return Task.FromResult(_byId.GetValueOrDefault(userId)?.TokensValidFrom);
    }
}
