namespace DeepWorkMap.Contracts.Api;

public sealed record ItemsDto<T>(IReadOnlyList<T> Items);
