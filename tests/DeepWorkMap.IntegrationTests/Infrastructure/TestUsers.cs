namespace DeepWorkMap.IntegrationTests.Infrastructure;

public static class TestUsers
{
    /// <summary>
    /// Rows in <c>users</c>, for tests that drive grains directly but need the catalog's foreign keys to hold: written
    /// straight into the table, so they also serve a database the migrations have not finished with.
    /// </summary>
    public static async Task<Guid[]> CreateAsync(TestDatabase database, int count)
    {
        var ids = Enumerable.Range(0, count).Select(_ => Guid.NewGuid()).ToArray();
        await using var insert = database.DataSource.CreateCommand("""
            INSERT INTO users (id, email, username, display_name, password_hash)
            SELECT id, 'user' || replace(id::text, '-', '') || '@example.com', left('user' || replace(id::text, '-', ''), 20), 'User', 'not-a-hash'
            FROM unnest($1::uuid[]) AS t(id)
            """);
        insert.Parameters.AddWithValue(ids);
        await insert.ExecuteNonQueryAsync();
        return ids;
    }
}
