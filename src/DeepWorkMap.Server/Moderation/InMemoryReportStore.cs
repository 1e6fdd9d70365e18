using DeepWorkMap.Contracts.Api;

namespace DeepWorkMap.Server.Moderation;

/// <summary>Embedded mode's reports, gone when the process ends.</summary>
public sealed class InMemoryReportStore : IReportStore
{
    private readonly Lock _gate = new();
    private readonly List<ReportDto> _reports = [];

    public Task AddAsync(ReportDto report, CancellationToken cancellationToken = default)
    {
        lock (_gate) _reports.Add(report);
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<ReportDto>> OpenAsync(int limit, CancellationToken cancellationToken = default)
    {
        lock (_gate) return Task.FromResult<IReadOnlyList<ReportDto>>(_reports.Where(r => r.ResolvedAt is null).OrderBy(r => r.CreatedAt).Take(limit).ToList());
    }

    public Task<ReportDto?> ResolveAsync(Guid id, Guid moderatorId, string? resolution, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            var index = _reports.FindIndex(r => r.Id == id);
            if (index < 0) return Task.FromResult<ReportDto?>(null);
            if (_reports[index].ResolvedAt is null) _reports[index] = _reports[index] with { ResolvedAt = now, ResolvedBy = moderatorId, Resolution = resolution };
            return Task.FromResult<ReportDto?>(_reports[index]);
        }
    }
}
