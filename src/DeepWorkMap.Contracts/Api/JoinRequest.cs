namespace DeepWorkMap.Contracts.Api;

/// <summary>The optional body of <c>POST /api/sessions/{id}/join</c>: a private session's invite code.</summary>
public sealed record JoinRequest(string? InviteCode = null);
