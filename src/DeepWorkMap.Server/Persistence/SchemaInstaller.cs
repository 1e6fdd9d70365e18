using Npgsql;

namespace DeepWorkMap.Server.Persistence;

/// <summary>
/// Applies the scripts of <c>sql/</c> (embedded in this assembly) in order, or checks that a database
/// someone else prepared has what the app needs and says exactly what to run if it does not.
/// </summary>
public sealed class SchemaInstaller(NpgsqlDataSource dataSource)
{
    // Any constant works; it keeps several silos starting at once from racing on the same DDL.
    private const long MigrationLockKey = 0x4457_4D61_7053_514C;

    private static readonly string[] RequiredTables = ["orleansquery", "orleans_grain_state", "users", "study_sessions", "chat_messages"];

    public static IReadOnlyList<(string Name, string Sql)> Scripts()
    {
        var assembly = typeof(SchemaInstaller).Assembly;
        return assembly.GetManifestResourceNames()
            .Where(name => name.StartsWith("sql/", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(name =>
            {
                using var stream = assembly.GetManifestResourceStream(name)!;
                using var reader = new StreamReader(stream);
                return (name["sql/".Length..], reader.ReadToEnd());
            })
            .ToList();
    }

    public async Task ApplyAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var lockCommand = new NpgsqlCommand($"SELECT pg_advisory_xact_lock({MigrationLockKey})", connection, transaction))
        {
            await lockCommand.ExecuteNonQueryAsync(cancellationToken);
        }
        foreach (var (_, sql) in Scripts())
        {
            await using var command = new NpgsqlCommand(sql, connection, transaction);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>The required tables that the database lacks; empty when the schema is in place.</summary>
    public async Task<IReadOnlyList<string>> MissingTablesAsync(CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(
            "SELECT t FROM unnest($1::text[]) AS t WHERE to_regclass(t) IS NULL");
        command.Parameters.AddWithValue(RequiredTables);
        var missing = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken)) missing.Add(reader.GetString(0));
        return missing;
    }
}
