namespace DeepWorkMap.Contracts.Api;

/// <summary>What <c>POST /api/sessions/{id}/waitlist</c> answers: the caller's place in line (1 = next) and the session.</summary>
public sealed record WaitlistDto(int Position, SessionDto Session);
