namespace DeepWorkMap.Contracts.Api;

/// <summary>What <c>GET /api/moderation/reports</c> answers: a page of open reports, oldest first, how many are open in all, and where the next page starts.</summary>
public sealed record ReportPage(IReadOnlyList<ReportDto> Items, int Total, string? NextCursor);
