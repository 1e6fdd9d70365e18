namespace DeepWorkMap.Contracts.Users;

/// <summary>A notice and whom it is for: what a session grain keeps until each is delivered.</summary>
[GenerateSerializer, Immutable, Alias("DeepWorkMap.AddressedNotice")]
public sealed record AddressedNotice([property: Id(0)] Guid UserId, [property: Id(1)] Notice Notice);
