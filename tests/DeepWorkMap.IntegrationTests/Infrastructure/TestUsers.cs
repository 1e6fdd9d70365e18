using DeepWorkMap.Server.Accounts;

namespace DeepWorkMap.IntegrationTests.Infrastructure;

public static class TestUsers
{
    /// <summary>Rows in <c>users</c>, for tests that drive grains directly but need the catalog's foreign keys to hold.</summary>
    public static async Task<Guid[]> CreateAsync(TestDatabase database, int count)
    {
        var store = new PostgresUserStore(database.DataSource);
        var ids = new Guid[count];
        for (var i = 0; i < count; i++)
        {
            ids[i] = Guid.NewGuid();
            var now = DateTimeOffset.UtcNow;
            await store.CreateAsync(new UserAccount(ids[i], $"user{ids[i]:N}@example.com", $"user{ids[i]:N}"[..20], "User", "not-a-hash", null, now, now));
        }
        return ids;
    }
}
