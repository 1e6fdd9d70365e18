using DeepWorkMap.Server.Identity;

namespace DeepWorkMap.UnitTests.Accounts;

/// <summary>The user directory's short memory: one store read per user while remembered, and a rename here shows at once.</summary>
public sealed class UserDirectoryTests
{
    [Fact]
    public async Task A_user_is_read_from_the_store_once_while_remembered()
    {
        var store = new CountingUserStore();
        var user = await store.AddAsync("Ada");
        using var recent = new UserDirectory(store, TimeProvider.System);

        for (var i = 0; i < 5; i++) Assert.Equal("Ada", (await recent.FindAsync(user.Id)).DisplayName);

        Assert.Equal(1, store.Reads);
    }

    [Fact]
    public async Task A_forgotten_user_is_read_again_with_the_new_name()
    {
        var store = new CountingUserStore();
        var user = await store.AddAsync("Ada");
        using var recent = new UserDirectory(store, TimeProvider.System);
        await recent.FindAsync(user.Id);

        await store.UpdateProfileAsync(user.Id, "Ada L.", null, DateTimeOffset.UtcNow);
        recent.Forget(user.Id);

        Assert.Equal("Ada L.", (await recent.FindAsync(user.Id)).DisplayName);
        Assert.Equal(2, store.Reads);
    }

    [Fact]
    public async Task An_account_that_does_not_exist_shows_as_unknown_and_is_not_remembered()
    {
        var store = new CountingUserStore();
        using var recent = new UserDirectory(store, TimeProvider.System);
        var missing = Guid.NewGuid();

        var shown = await recent.FindAsync(missing);
        await recent.FindAsync(missing);

        Assert.Equal((missing, "unknown"), (shown.Id, shown.Username));
        Assert.Equal(2, store.Reads);
    }

    [Fact]
    public async Task A_stale_name_is_shown_once_while_it_is_read_again_and_the_new_name_follows()
    {
        using var renamed = await Renamed.AfterBeingNamedAsync();
        var (store, user, time, directory) = (renamed.Store, renamed.User, renamed.Time, renamed.Directory);

        time.Now += UserDirectory.Lifetime;
        Assert.Equal("Ada", (await directory.FindAsync(user.Id)).DisplayName);

        var deadline = DateTime.UtcNow.AddSeconds(5);
        while ((await directory.FindAsync(user.Id)).DisplayName != "Ada L." && DateTime.UtcNow < deadline) await Task.Delay(10);
        Assert.Equal("Ada L.", (await directory.FindAsync(user.Id)).DisplayName);
        Assert.Equal(2, store.Reads);
    }

    [Fact]
    public async Task Lookups_while_a_stale_name_is_being_read_again_do_not_read_it_a_second_time()
    {
        using var renamed = await Renamed.AfterBeingNamedAsync();
        var (store, user, time, directory) = (renamed.Store, renamed.User, renamed.Time, renamed.Directory);
        store.Held = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        time.Now += UserDirectory.Lifetime;
        await directory.FindAsync(user.Id);
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (store.Reads < 2 && DateTime.UtcNow < deadline) await Task.Delay(10);
        Assert.Equal(2, store.Reads);
        // The database is slow: a chat's relay keeps naming the author meanwhile, well past a batch's gathering wait.
        for (var i = 0; i < 30; i++)
        {
            Assert.Equal("Ada", (await directory.FindAsync(user.Id)).DisplayName);
            await Task.Delay(10);
        }
        store.Held.SetResult();

        while ((await directory.FindAsync(user.Id)).DisplayName != "Ada L." && DateTime.UtcNow < deadline) await Task.Delay(10);
        Assert.Equal("Ada L.", (await directory.FindAsync(user.Id)).DisplayName);
        Assert.Equal(2, store.Reads);
    }

    [Fact]
    public async Task Many_stale_names_are_read_again_in_one_query()
    {
        var store = new CountingUserStore();
        var users = new List<UserAccount>();
        for (var i = 0; i < 200; i++) users.Add(await store.AddAsync($"User {i}"));
        var time = new ManualTime();
        using var directory = new UserDirectory(store, time);
        await directory.FindManyAsync(users.Select(u => u.Id));
        foreach (var user in users) await store.UpdateProfileAsync(user.Id, $"{user.DisplayName} (renamed)", null, DateTimeOffset.UtcNow);

        time.Now += UserDirectory.Lifetime;
        foreach (var user in users) Assert.Equal(user.DisplayName, (await directory.FindAsync(user.Id)).DisplayName);

        var deadline = DateTime.UtcNow.AddSeconds(5);
        while ((await directory.FindManyAsync(users.Select(u => u.Id))).Values.Any(u => !u.DisplayName.EndsWith("(renamed)")) && DateTime.UtcNow < deadline)
            await Task.Delay(10);
        Assert.All((await directory.FindManyAsync(users.Select(u => u.Id))).Values, u => Assert.EndsWith("(renamed)", u.DisplayName));
        // One query named all 200 at first; reading them again takes a batch (two if the lookups straddle its short wait), not 200.
        Assert.InRange(store.Reads - 1, 1, 2);
    }

    /// <summary>Ada, named once by a fresh directory, then renamed "Ada L." in the store behind its back.</summary>
    private sealed record Renamed(CountingUserStore Store, UserAccount User, ManualTime Time, UserDirectory Directory) : IDisposable
    {
        public static async Task<Renamed> AfterBeingNamedAsync()
        {
            var store = new CountingUserStore();
            var user = await store.AddAsync("Ada");
            var time = new ManualTime();
            var directory = new UserDirectory(store, time);
            await directory.FindAsync(user.Id);
            await store.UpdateProfileAsync(user.Id, "Ada L.", null, DateTimeOffset.UtcNow);
            return new Renamed(store, user, time, directory);
        }

        public void Dispose() => Directory.Dispose();
    }

    private sealed class ManualTime : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = DateTimeOffset.UtcNow;

        public override DateTimeOffset GetUtcNow() => Now;
    }

    /// <summary>The embedded mode's real store, counting the queries by id (one user or many) that reach it.</summary>
    private sealed class CountingUserStore : IUserStore
    {
        private readonly InMemoryUserStore _store = new();

        private int _reads;

        public int Reads => Volatile.Read(ref _reads);

        /// <summary>While set, queries by many ids are answered only once it completes: a database slow to answer.</summary>
        public TaskCompletionSource? Held { get; set; }

        public async Task<UserAccount> AddAsync(string displayName)
        {
            var now = DateTimeOffset.UtcNow;
            var name = $"u{Guid.NewGuid():N}"[..20];
            var account = new UserAccount(Guid.NewGuid(), $"{name}@example.com", name, displayName, "not-a-hash", null, now, now);
            await _store.CreateAsync(account);
            return account;
        }

        public Task<UserAccount?> FindByIdAsync(Guid id, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref _reads);
            return _store.FindByIdAsync(id, cancellationToken);
        }

        public Task<CreateUserOutcome> CreateAsync(UserAccount account, CancellationToken cancellationToken = default) => _store.CreateAsync(account, cancellationToken);

        public Task<UserAccount?> FindByLoginAsync(string login, CancellationToken cancellationToken = default) => _store.FindByLoginAsync(login, cancellationToken);

        public async Task<IReadOnlyDictionary<Guid, UserAccount>> FindManyAsync(IReadOnlyCollection<Guid> ids, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref _reads);
            if (Held is { } held) await held.Task;
            return await _store.FindManyAsync(ids, cancellationToken);
        }

        public Task CloseAsync(Guid id, DateTimeOffset now, CancellationToken cancellationToken = default) => _store.CloseAsync(id, now, cancellationToken);

        public Task<bool> SetSuspendedAsync(Guid id, bool suspended, DateTimeOffset now, CancellationToken cancellationToken = default) =>
            _store.SetSuspendedAsync(id, suspended, now, cancellationToken);

        public Task<UserAccount?> UpdateProfileAsync(Guid id, string displayName, string? avatarUrl, DateTimeOffset now, CancellationToken cancellationToken = default) =>
            _store.UpdateProfileAsync(id, displayName, avatarUrl, now, cancellationToken);

        public Task<bool> MarkEmailVerifiedAsync(Guid id, string email, DateTimeOffset now, CancellationToken cancellationToken = default) =>
            _store.MarkEmailVerifiedAsync(id, email, now, cancellationToken);

        public Task<UserAccount?> SetPasswordAsync(Guid id, string passwordHash, DateTimeOffset now, bool refuseOlderTokens = true, CancellationToken cancellationToken = default) =>
            _store.SetPasswordAsync(id, passwordHash, now, refuseOlderTokens, cancellationToken);

        public Task<EmailChangeOutcome> ChangeEmailAsync(
            Guid id, string email, DateTimeOffset now, DateTimeOffset? holdLeftUntil, CancellationToken cancellationToken = default) =>
            _store.ChangeEmailAsync(id, email, now, holdLeftUntil, cancellationToken);

        public Task<bool> IsEmailFreeForAsync(Guid id, string email, DateTimeOffset now, CancellationToken cancellationToken = default) =>
            _store.IsEmailFreeForAsync(id, email, now, cancellationToken);
    }
}
