namespace DeepWorkMap.Contracts.Users;

/// <summary>A notice as the user's inbox holds it.</summary>
[GenerateSerializer, Immutable, Alias("DeepWorkMap.Notification")]
public sealed record Notification(
    [property: Id(0)] Guid Id,
    [property: Id(1)] Guid UserId,
    [property: Id(2)] string Kind,
    [property: Id(3)] string Title,
    [property: Id(4)] string Body,
    [property: Id(5)] Guid? SessionId,
    [property: Id(6)] DateTimeOffset CreatedAt,
    [property: Id(7)] DateTimeOffset? ReadAt,
    [property: Id(8)] DateTimeOffset? StartTime = null);
