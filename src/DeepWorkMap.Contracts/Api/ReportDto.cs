namespace DeepWorkMap.Contracts.Api;

/// <summary>docs/api.md's <c>Report</c>: what a user reported, and how a moderator resolved it.</summary>
public sealed record ReportDto(
    Guid Id,
    Guid ReporterId,
    string TargetType,
    Guid TargetId,
    string Reason,
    string? Details,
    DateTimeOffset CreatedAt,
    DateTimeOffset? ResolvedAt,
    Guid? ResolvedBy,
    string? Resolution);
