namespace DeepWorkMap.Contracts.Api;

/// <summary><c>POST /api/sessions/{id}/cancel</c>: why, in up to 500 characters, shown to participants.</summary>
public sealed record CancelSessionRequest(string? Reason = null);
