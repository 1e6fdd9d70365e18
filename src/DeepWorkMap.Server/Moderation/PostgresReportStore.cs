using DeepWorkMap.Contracts.Api;
using Npgsql;

namespace DeepWorkMap.Server.Moderation;

/// <summary>Reports in the <c>reports</c> table.</summary>
public sealed class PostgresReportStore(NpgsqlDataSource dataSource) : IReportStore
{
    private const string Columns = "id, reporter_id, target_type, target_id, reason, details, created_at, resolved_at, resolved_by, resolution";

    /// <summary>
    /// The unique index on open reports (reporter, target) decides; a report resolved between the insert that lost and the
    /// read of the winner lets the next round insert.
    /// </summary>
    public async Task<(ReportDto Report, bool Created)> AddAsync(ReportDto report, CancellationToken cancellationToken = default)
    {
        while (true)
        {
            await using var insert = dataSource.CreateCommand("""
                INSERT INTO reports (id, reporter_id, target_type, target_id, reason, details, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)
                ON CONFLICT (reporter_id, target_type, target_id) WHERE resolved_at IS NULL DO NOTHING
                """);
            var p = insert.Parameters;
            p.AddWithValue(report.Id);
            p.AddWithValue(report.ReporterId);
            p.AddWithValue(report.TargetType);
            p.AddWithValue(report.TargetId);
            p.AddWithValue(report.Reason);
            p.AddWithValue((object?)report.Details ?? DBNull.Value);
            p.AddWithValue(report.CreatedAt);
            if (await insert.ExecuteNonQueryAsync(cancellationToken) == 1) return (report, true);

            await using var existing = dataSource.CreateCommand(
                $"SELECT {Columns} FROM reports WHERE reporter_id = $1 AND target_type = $2 AND target_id = $3 AND resolved_at IS NULL");
            existing.Parameters.AddWithValue(report.ReporterId);
            existing.Parameters.AddWithValue(report.TargetType);
            existing.Parameters.AddWithValue(report.TargetId);
            await using var reader = await existing.ExecuteReaderAsync(cancellationToken);
            if (await reader.ReadAsync(cancellationToken)) return (Read(reader), false);
        }
    }

    public async Task<(IReadOnlyList<ReportDto> Items, int Total)?> OpenAsync(Guid? after, int limit, CancellationToken cancellationToken = default)
    {
        await using var batch = dataSource.CreateBatch();
        batch.BatchCommands.Add(new NpgsqlBatchCommand("SELECT count(*) FROM reports WHERE resolved_at IS NULL"));
        batch.BatchCommands.Add(new NpgsqlBatchCommand("SELECT count(*) FROM reports WHERE id = $1") { Parameters = { new() { Value = after ?? Guid.Empty } } });
        var page = new NpgsqlBatchCommand($"""
            SELECT {Columns} FROM reports
            WHERE resolved_at IS NULL AND ($1::uuid IS NULL OR (created_at, id) > (SELECT created_at, id FROM reports WHERE id = $1))
            ORDER BY created_at, id LIMIT $2
            """);
        page.Parameters.Add(new() { Value = (object?)after ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Uuid });
        page.Parameters.Add(new() { Value = limit });
        batch.BatchCommands.Add(page);
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        var total = (int)reader.GetInt64(0);
        await reader.NextResultAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        if (after is not null && reader.GetInt64(0) == 0) return null;
        await reader.NextResultAsync(cancellationToken);
        var found = new List<ReportDto>();
        while (await reader.ReadAsync(cancellationToken)) found.Add(Read(reader));
        return (found, total);
    }

    public async Task<ReportDto?> ResolveAsync(Guid id, Guid moderatorId, string? resolution, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand($"""
            UPDATE reports SET resolved_at = COALESCE(resolved_at, $3), resolved_by = COALESCE(resolved_by, $2),
                               resolution = CASE WHEN resolved_at IS NULL THEN $4 ELSE resolution END
            WHERE id = $1 RETURNING {Columns}
            """);
        command.Parameters.AddWithValue(id);
        command.Parameters.AddWithValue(moderatorId);
        command.Parameters.AddWithValue(now);
        command.Parameters.AddWithValue((object?)resolution ?? DBNull.Value);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? Read(reader) : null;
    }

    private static ReportDto Read(NpgsqlDataReader r) => new(
        r.GetFieldValue<Guid>(r.GetOrdinal("id")),
        r.GetFieldValue<Guid>(r.GetOrdinal("reporter_id")),
        r.GetFieldValue<string>(r.GetOrdinal("target_type")),
        r.GetFieldValue<Guid>(r.GetOrdinal("target_id")),
        r.GetFieldValue<string>(r.GetOrdinal("reason")),
        r.IsDBNull(r.GetOrdinal("details")) ? null : r.GetFieldValue<string>(r.GetOrdinal("details")),
        r.GetFieldValue<DateTimeOffset>(r.GetOrdinal("created_at")),
        r.IsDBNull(r.GetOrdinal("resolved_at")) ? null : r.GetFieldValue<DateTimeOffset>(r.GetOrdinal("resolved_at")),
        r.IsDBNull(r.GetOrdinal("resolved_by")) ? null : r.GetFieldValue<Guid>(r.GetOrdinal("resolved_by")),
        r.IsDBNull(r.GetOrdinal("resolution")) ? null : r.GetFieldValue<string>(r.GetOrdinal("resolution")));
}
