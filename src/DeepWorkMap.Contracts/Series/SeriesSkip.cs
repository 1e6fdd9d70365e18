namespace DeepWorkMap.Contracts.Series;

/// <summary>An occurrence a series-wide call did not change, and why (an error code of docs/api.md).</summary>
[GenerateSerializer, Immutable, Alias("DeepWorkMap.SeriesSkip")]
public sealed record SeriesSkip([property: Id(0)] Guid SessionId, [property: Id(1)] string Code);
