using System.Text.Json.Serialization;

namespace DeepWorkMap.Contracts.Api;

/// <summary>docs/api.md's <c>Series</c>: the plan and its occurrences, in start order, as the caller may see them.</summary>
public sealed record SeriesDto(Guid Id, IReadOnlyList<string> DaysOfWeek, int Weeks, string TimeZone, IReadOnlyList<SessionDto> Sessions)
{
    /// <summary>After a join or cancel of the whole series: the occurrences it did not change, and why.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<SeriesSkipDto>? Skipped { get; init; }
}
