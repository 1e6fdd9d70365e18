using Npgsql;

namespace DeepWorkMap.Benchmarks;

/// <summary>A fresh database on the benchmark PostgreSQL, dropped afterwards.</summary>
public sealed class BenchDatabase : IAsyncDisposable
{
    private readonly string _admin;
    private readonly string _name;

    private BenchDatabase(string admin, string name)
    {
        _admin = admin;
        _name = name;
        ConnectionString = new NpgsqlConnectionStringBuilder(admin) { Database = name, MaxPoolSize = 200 }.ConnectionString;
        DataSource = NpgsqlDataSource.Create(ConnectionString);
    }

    public string ConnectionString { get; }

    public NpgsqlDataSource DataSource { get; }

    public static async Task<BenchDatabase> CreateAsync(string admin, string prefix)
    {
        var name = $"{prefix}_{Guid.NewGuid():N}"[..30];
        await using var source = NpgsqlDataSource.Create(admin);
        await using var command = source.CreateCommand($"CREATE DATABASE {name}");
        await command.ExecuteNonQueryAsync();
        return new BenchDatabase(admin, name);
    }

    public async Task ExecuteAsync(string sql, params object[] parameters)
    {
        await using var command = DataSource.CreateCommand(sql);
        command.CommandTimeout = 600;
        foreach (var parameter in parameters) command.Parameters.AddWithValue(parameter);
        await command.ExecuteNonQueryAsync();
    }

    public async Task<T> ScalarAsync<T>(string sql, params object[] parameters)
    {
        await using var command = DataSource.CreateCommand(sql);
        command.CommandTimeout = 600;
        foreach (var parameter in parameters) command.Parameters.AddWithValue(parameter);
        return (T)(await command.ExecuteScalarAsync())!;
    }

    public async ValueTask DisposeAsync()
    {
        await DataSource.DisposeAsync();
        NpgsqlConnection.ClearAllPools();
        await using var source = NpgsqlDataSource.Create(_admin);
        await using var command = source.CreateCommand($"DROP DATABASE IF EXISTS {_name} WITH (FORCE)");
        await command.ExecuteNonQueryAsync();
    }
}
