namespace DeepWorkMap.Contracts.Users;

/// <summary>
/// Something to tell one user, before it is stored. <see cref="SubjectId"/> (the session it is about) and
/// <see cref="Occurrence"/> (what makes this one distinct: the start reminded of, the version changed) identify it:
/// the inbox stores one per user, kind, subject and occurrence, however often it is sent. <see cref="StartTime"/> is the
/// start of the session it is about, when that matters to the reader: each reader sees it in their own time zone.
/// </summary>
[GenerateSerializer, Immutable, Alias("DeepWorkMap.Notice")]
public sealed record Notice(
    [property: Id(0)] string Kind,
    [property: Id(1)] Guid SubjectId,
    [property: Id(2)] string Occurrence,
    [property: Id(3)] string Title,
    [property: Id(4)] string Body,
    [property: Id(5)] Guid? SessionId,
    [property: Id(6)] DateTimeOffset? StartTime = null);
