namespace DeepWorkMap.Contracts.Api;

/// <summary>The optional body of <c>POST /api/moderation/reports/{id}/resolve</c>: what was done.</summary>
public sealed record ResolveReportRequest(string? Resolution = null);
