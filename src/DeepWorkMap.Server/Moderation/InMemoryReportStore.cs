using DeepWorkMap.Contracts.Api;

namespace DeepWorkMap.Server.Moderation;

/// <summary>Embedded mode's reports, gone when the process ends.</summary>
public sealed class InMemoryReportStore : IReportStore
{
    private readonly Lock _gate = new();
    private readonly List<ReportDto> _reports = [];

    public Task<(ReportDto Report, bool Created)> AddAsync(ReportDto report, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            var open = _reports.FirstOrDefault(r => r.ResolvedAt is null && r.ReporterId == report.ReporterId && r.TargetType == report.TargetType && r.TargetId == report.TargetId);
            if (open is not null) return Task.FromResult((open, false));
            _reports.Add(report);
            return Task.FromResult((report, true));
        }
    }

    public Task<(IReadOnlyList<ReportDto> Items, int Total)?> OpenAsync(Guid? after, int limit, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            var from = after is { } id ? _reports.FirstOrDefault(r => r.Id == id) : null;
            if (after is not null && from is null) return Task.FromResult<(IReadOnlyList<ReportDto>, int)?>(null);
            var open = _reports.Where(r => r.ResolvedAt is null).OrderBy(r => r.CreatedAt).ThenBy(r => r.Id).ToList();
            var page = open.Where(r => from is null || r.CreatedAt > from.CreatedAt || (r.CreatedAt == from.CreatedAt && r.Id.CompareTo(from.Id) > 0)).Take(limit).ToList();
            return Task.FromResult<(IReadOnlyList<ReportDto>, int)?>((page, open.Count));
        }
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
