using DeepWorkMap.Contracts.Api;

namespace DeepWorkMap.Server.Moderation;

/// <summary>Where reports are durable (<c>reports</c>): PostgreSQL in cluster mode, memory in embedded mode.</summary>
public interface IReportStore
{
    Task AddAsync(ReportDto report, CancellationToken cancellationToken = default);

    /// <summary>Reports not yet resolved, oldest first.</summary>
    Task<IReadOnlyList<ReportDto>> OpenAsync(int limit, CancellationToken cancellationToken = default);

    /// <summary>Resolves a report (again: keeps the first resolution); null when there is no such report.</summary>
    Task<ReportDto?> ResolveAsync(Guid id, Guid moderatorId, string? resolution, DateTimeOffset now, CancellationToken cancellationToken = default);
}
