namespace DeepWorkMap.Contracts.Api;

/// <summary>What <c>GET /api/me/export</c> answers: everything the service holds about the caller.</summary>
public sealed record AccountExport(MeDto Account, IReadOnlyList<SessionDto> HostedSessions, IReadOnlyList<MessageDto> Messages, DateTimeOffset ExportedAt)
{
    public PreferencesDto? Preferences { get; init; }

    public IReadOnlyList<Guid> Following { get; init; } = [];

    public IReadOnlyList<Guid> SavedSessions { get; init; } = [];

    /// <summary>The newest 1,000 notifications.</summary>
    public IReadOnlyList<NotificationDto> Notifications { get; init; } = [];

    /// <summary>Every stretch of focus time, oldest first.</summary>
    public IReadOnlyList<FocusTimeDto> FocusTime { get; init; } = [];
}
