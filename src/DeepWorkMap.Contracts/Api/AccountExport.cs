namespace DeepWorkMap.Contracts.Api;

/// <summary>What <c>GET /api/me/export</c> answers: everything the service holds about the caller.</summary>
public sealed record AccountExport(MeDto Account, IReadOnlyList<SessionDto> HostedSessions, IReadOnlyList<MessageDto> Messages, DateTimeOffset ExportedAt);
