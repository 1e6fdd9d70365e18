using DeepWorkMap.Grains.Geo;
using Npgsql;

namespace DeepWorkMap.Server.Sessions;

/// <summary>
/// The <c>public_position_key</c> table's one row. The first silo to ask makes it (random bytes; a silo starting at the
/// same moment finds the row the other made and uses that), every other reads it; it is read once per process and kept.
/// A failed read is not kept: the next caller tries again.
/// </summary>
public sealed class PostgresPublicPositionKeyStore(NpgsqlDataSource dataSource) : IPublicPositionKeyStore
{
    private readonly Lock _gate = new();
    private Task<PublicPositionKey>? _loading;

    public Task<PublicPositionKey> GetAsync(CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            if (_loading is null || _loading.IsFaulted || _loading.IsCanceled) _loading = LoadAsync();
            return _loading.WaitAsync(cancellationToken);
        }
    }

    private async Task<PublicPositionKey> LoadAsync()
    {
        await using (var make = dataSource.CreateCommand("INSERT INTO public_position_key (secret) VALUES ($1) ON CONFLICT (id) DO NOTHING"))
        {
            make.Parameters.AddWithValue(PublicPositionKey.NewRandom().Secret.ToArray());
            await make.ExecuteNonQueryAsync();
        }
        // A statement of its own: it sees the row whichever silo's insert won.
        await using var read = dataSource.CreateCommand("SELECT secret FROM public_position_key");
        var secret = (byte[]?)await read.ExecuteScalarAsync()
            ?? throw new InvalidOperationException("The public_position_key table has no row after inserting one.");
        return new PublicPositionKey(secret);
    }
}
