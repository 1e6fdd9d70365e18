namespace DeepWorkMap.Contracts.Api;

/// <summary>The body of <c>POST /api/sessions/{id}/messages</c>.</summary>
public sealed record SendMessageRequest(string? Content);
