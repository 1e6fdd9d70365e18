using DeepWorkMap.Contracts.Sessions;

namespace DeepWorkMap.Contracts.Live;

/// <summary>A watcher's periodic check-in answer: the session now and the last seq it accepted.</summary>
[GenerateSerializer, Immutable, Alias("DeepWorkMap.SessionPulse")]
public sealed record SessionPulse(
    [property: Id(0)] SessionSnapshot? Session,
    [property: Id(1)] long LastSeq);
