using Npgsql;

namespace DeepWorkMap.Server.Persistence;

/// <summary>
/// The process's one connection pool to PostgreSQL: the app's stores, and Orleans' grain storage and reminders (SiloSetup
/// hands it to them). The app runs a handful of statements over and over (user
/// lookups, chat history, the catalog's, Orleans' grain-state reads and writes), so they are prepared on
/// each connection after a few uses instead of being parsed and planned every time; the chat writer
/// prepares its INSERT itself (see BatchInsert). A connection string that sets <c>Max Auto Prepare</c>
/// above 0 keeps its own value.
/// </summary>
public static class PostgresDataSource
{
    public const int DefaultMaxAutoPrepare = 32;

    public static NpgsqlDataSource Create(string connectionString) => new NpgsqlDataSourceBuilder(WithAutoPrepare(connectionString)).Build();

    /// <summary>The connection string with statement auto-prepare on.</summary>
    public static string WithAutoPrepare(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (builder.MaxAutoPrepare == 0) builder.MaxAutoPrepare = DefaultMaxAutoPrepare;
        return builder.ConnectionString;
    }
}
