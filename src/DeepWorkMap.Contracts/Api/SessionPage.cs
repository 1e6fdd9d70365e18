namespace DeepWorkMap.Contracts.Api;

/// <summary>A page of nearby results; <see cref="NextCursor"/> (null on the last page) fetches the next with <c>?after=</c>.</summary>
public sealed record SessionPage(IReadOnlyList<SessionDto> Items, string? NextCursor);
