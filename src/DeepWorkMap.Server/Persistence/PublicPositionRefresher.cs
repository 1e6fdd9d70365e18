using DeepWorkMap.Grains.Geo;
using Npgsql;
using NpgsqlTypes;

namespace DeepWorkMap.Server.Persistence;

/// <summary>
/// Gives the catalog rows of unfinished sessions their cell's public position (<see cref="PublicPosition"/>), where an
/// earlier version stored another (a point drawn at random per session). Runs at a silo's start-up, before any map tile
/// rebuilds itself from the catalog, and before <see cref="TileKeyRefresher"/>, which then re-keys the rows it moved.
/// Costs one read of the unfinished rows and writes only those that differ. Each session's grain adopts the same
/// position when it next activates.
/// </summary>
public sealed class PublicPositionRefresher(NpgsqlDataSource dataSource, IPublicPositionKeyStore keys)
{
    public async Task<int> RefreshAsync(CancellationToken cancellationToken = default)
    {
        var key = await keys.GetAsync(cancellationToken);
        var moved = new List<(Guid Id, double Latitude, double Longitude)>();
        await using (var read = dataSource.CreateCommand(
            "SELECT id, latitude, longitude, venue_latitude, venue_longitude FROM study_sessions WHERE status <> 'finished'"))
        await using (var rows = await read.ExecuteReaderAsync(cancellationToken))
        {
            while (await rows.ReadAsync(cancellationToken))
            {
                var cloaked = PublicPosition.Of(rows.GetDouble(3), rows.GetDouble(4), key);
                if (!PublicPosition.Matches(cloaked, rows.GetDouble(1), rows.GetDouble(2))) moved.Add((rows.GetGuid(0), cloaked.Latitude, cloaked.Longitude));
            }
        }
        if (moved.Count == 0) return 0;

        await using var update = dataSource.CreateCommand("""
            UPDATE study_sessions s SET latitude = p.latitude, longitude = p.longitude
            FROM unnest($1::uuid[], $2::float8[], $3::float8[]) AS p(id, latitude, longitude)
            WHERE s.id = p.id
            """);
        update.Parameters.Add(new NpgsqlParameter { Value = moved.Select(m => m.Id).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Uuid });
        update.Parameters.Add(new NpgsqlParameter { Value = moved.Select(m => m.Latitude).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Double });
        update.Parameters.Add(new NpgsqlParameter { Value = moved.Select(m => m.Longitude).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Double });
        await update.ExecuteNonQueryAsync(cancellationToken);
        return moved.Count;
    }
}
