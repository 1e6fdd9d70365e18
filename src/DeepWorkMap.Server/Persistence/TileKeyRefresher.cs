using DeepWorkMap.Grains.Geo;
using Npgsql;
using NpgsqlTypes;

namespace DeepWorkMap.Server.Persistence;

/// <summary>
/// Brings the catalog's map tile keys in line with the current <see cref="GeoGrid"/>. A map cell rebuilds
/// itself from the rows carrying its key, so an active session whose key was computed by an older grid
/// would be missing from nearby search after an upgrade. Runs at start-up; costs one read of the active
/// rows and writes only those that differ.
/// </summary>
public sealed class TileKeyRefresher(NpgsqlDataSource dataSource)
{
    public async Task<int> RefreshAsync(CancellationToken cancellationToken = default)
    {
        var stale = new List<(Guid Id, string Fine, string Coarse)>();
        await using (var read = dataSource.CreateCommand(
            "SELECT id, latitude, longitude, tile_key, coarse_tile_key FROM study_sessions WHERE status <> 'finished'"))
        await using (var rows = await read.ExecuteReaderAsync(cancellationToken))
        {
            while (await rows.ReadAsync(cancellationToken))
            {
                var (fine, coarse) = GeoGrid.TilesOf(rows.GetDouble(1), rows.GetDouble(2));
                if (fine != rows.GetString(3) || coarse != rows.GetString(4)) stale.Add((rows.GetGuid(0), fine, coarse));
            }
        }
        if (stale.Count == 0) return 0;

        await using var update = dataSource.CreateCommand("""
            UPDATE study_sessions s SET tile_key = k.fine, coarse_tile_key = k.coarse
            FROM unnest($1::uuid[], $2::text[], $3::text[]) AS k(id, fine, coarse)
            WHERE s.id = k.id
            """);
        update.Parameters.Add(new NpgsqlParameter { Value = stale.Select(s => s.Id).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Uuid });
        update.Parameters.Add(new NpgsqlParameter { Value = stale.Select(s => s.Fine).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        update.Parameters.Add(new NpgsqlParameter { Value = stale.Select(s => s.Coarse).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        await update.ExecuteNonQueryAsync(cancellationToken);
        return stale.Count;
    }
}
