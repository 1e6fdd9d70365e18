using DeepWorkMap.Contracts.Api;
using Npgsql;

namespace DeepWorkMap.Server.Moderation;

/// <summary>Reports in the <c>reports</c> table.</summary>
public sealed class PostgresReportStore(NpgsqlDataSource dataSource) : IReportStore
{
    private const string Columns = "id, reporter_id, target_type, target_id, reason, details, created_at, resolved_at, resolved_by, resolution";

    public async Task AddAsync(ReportDto report, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(
            "INSERT INTO reports (id, reporter_id, target_type, target_id, reason, details, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)");
        var p = command.Parameters;
        p.AddWithValue(report.Id);
        p.AddWithValue(report.ReporterId);
        p.AddWithValue(report.TargetType);
        p.AddWithValue(report.TargetId);
        p.AddWithValue(report.Reason);
        p.AddWithValue((object?)report.Details ?? DBNull.Value);
        p.AddWithValue(report.CreatedAt);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<ReportDto>> OpenAsync(int limit, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand($"SELECT {Columns} FROM reports WHERE resolved_at IS NULL ORDER BY created_at LIMIT $1");
        command.Parameters.AddWithValue(limit);
        var found = new List<ReportDto>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken)) found.Add(Read(reader));
        return found;
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
