namespace DeepWorkMap.Contracts.Api;

/// <summary>What <c>POST /api/sessions/{id}/invite/rotate</c> answers: the private session's new invite code and link.</summary>
public sealed record InviteDto(string InviteCode, string InviteLink);
