using DbUp;
using DbUp.Engine;
using DbUp.Postgresql;
using Npgsql;

namespace DeepWorkMap.Server.Persistence;

/// <summary>
/// The database schema as numbered migrations (<c>sql/NNN_what.sql</c>, embedded in this assembly), applied
/// in order by DbUp, each once and in its own transaction, and recorded in the <c>schema_versions</c> table.
/// A database made by the scripts before they were versioned upgrades in place: the first migrations are
/// written to be harmless where their objects already exist. To change the schema, add the next numbered
/// file; never edit one that has shipped.
/// </summary>
public sealed class SchemaMigrations(NpgsqlDataSource dataSource)
{
    public const string JournalTable = "schema_versions";

    // Any constant works; it keeps several silos starting at once from migrating side by side.
    private const long MigrationLockKey = 0x4457_4D61_7053_514C;

    /// <summary>The migrations, by file name, in the order they apply.</summary>
    public static IReadOnlyList<SqlScript> Scripts()
    {
        var assembly = typeof(SchemaMigrations).Assembly;
        return assembly.GetManifestResourceNames()
            .Where(name => name.StartsWith("sql/", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(name =>
            {
                using var stream = assembly.GetManifestResourceStream(name)!;
                using var reader = new StreamReader(stream);
                return new SqlScript(name["sql/".Length..], reader.ReadToEnd());
            })
            .ToList();
    }

    /// <summary>Applies every migration the database has not had yet; the names of those it applied.</summary>
    public async Task<IReadOnlyList<string>> UpgradeAsync(CancellationToken cancellationToken = default)
    {
        await using var gate = await dataSource.OpenConnectionAsync(cancellationToken);
        await using (var take = new NpgsqlCommand($"SELECT pg_advisory_lock({MigrationLockKey})", gate))
            await take.ExecuteNonQueryAsync(cancellationToken);
        try
        {
            var result = Engine().PerformUpgrade();
            if (!result.Successful)
                throw new InvalidOperationException($"Migration {result.ErrorScript?.Name} failed: {result.Error.Message}", result.Error);
            return result.Scripts.Select(s => s.Name).ToList();
        }
        finally
        {
            await using var release = new NpgsqlCommand($"SELECT pg_advisory_unlock({MigrationLockKey})", gate);
            await release.ExecuteNonQueryAsync(CancellationToken.None);
        }
    }

    /// <summary>The migrations the database has not had yet; empty when it is current.</summary>
    public Task<IReadOnlyList<string>> PendingAsync() =>
        Task.Run(() => (IReadOnlyList<string>)Engine().GetScriptsToExecute().Select(s => s.Name).ToList());

    private UpgradeEngine Engine() => DeployChanges.To
        .PostgresqlDatabase(new PostgresqlConnectionManager(dataSource))
        .WithScripts(Scripts())
        .JournalToPostgresqlTable("public", JournalTable)
        .WithTransactionPerScript()
        // The scripts use PostgreSQL's $q$ quoting, which DbUp would otherwise read as its own variables.
        .WithVariablesDisabled()
        .LogToNowhere()
        .Build();
}
