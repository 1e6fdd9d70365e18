namespace DeepWorkMap.Contracts.Api;

/// <summary>The body of <c>POST /api/reports</c>.</summary>
public sealed record CreateReportRequest(string? TargetType, Guid? TargetId, string? Reason, string? Details = null);
