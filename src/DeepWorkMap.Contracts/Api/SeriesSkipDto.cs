namespace DeepWorkMap.Contracts.Api;

/// <summary>An occurrence a series-wide join or cancel did not change, with the error code that refused it.</summary>
public sealed record SeriesSkipDto(Guid SessionId, string Code);
