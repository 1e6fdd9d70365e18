using DeepWorkMap.Contracts.Api;

namespace DeepWorkMap.Server.Moderation;

/// <summary>Where reports are durable (<c>reports</c>): PostgreSQL in cluster mode, memory in embedded mode.</summary>
public interface IReportStore
{
    /// <summary>
    /// Stores the report, unless its reporter has an open report of the same target: then that one is answered, unchanged.
    /// <c>Created</c> says which.
    /// </summary>
    Task<(ReportDto Report, bool Created)> AddAsync(ReportDto report, CancellationToken cancellationToken = default);

    /// <summary>
    /// Up to <paramref name="limit"/> reports not yet resolved, oldest first (then by id), after the report
    /// <paramref name="after"/> (which may have been resolved since), and how many are open in all; null when
    /// <paramref name="after"/> is no report.
    /// </summary>
    Task<(IReadOnlyList<ReportDto> Items, int Total)?> OpenAsync(Guid? after, int limit, CancellationToken cancellationToken = default);

    /// <summary>Resolves a report (again: keeps the first resolution); null when there is no such report.</summary>
    Task<ReportDto?> ResolveAsync(Guid id, Guid moderatorId, string? resolution, DateTimeOffset now, CancellationToken cancellationToken = default);
}
