using DeepWorkMap.Contracts.Sessions;

namespace DeepWorkMap.Grains.Sessions;

[GenerateSerializer, Alias("DeepWorkMap.StudySessionState")]
public sealed class StudySessionState
{
    /// <summary>What the host asked for; null until the session is created.</summary>
    [Id(0)] public CreateSession? Facts { get; set; }

    [Id(1)] public DateTimeOffset CreatedAt { get; set; }

    [Id(2)] public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>Set when the host ended the session before its planned end.</summary>
    [Id(3)] public DateTimeOffset? EndedAt { get; set; }

    /// <summary>Active participants by user id (the host included).</summary>
    [Id(4)] public Dictionary<Guid, ParticipantEntry> Participants { get; set; } = [];

    /// <summary>Where the session shows to non-participants (see PublicPosition); chosen once at creation.</summary>
    [Id(5)] public double? PublicLatitude { get; set; }

    [Id(6)] public double? PublicLongitude { get; set; }

    /// <summary>A private session's invite code; null for public sessions.</summary>
    [Id(7)] public string? InviteCode { get; set; }

    /// <summary>Users the host removed; they cannot join again.</summary>
    [Id(8)] public HashSet<Guid> Removed { get; set; } = [];
}
