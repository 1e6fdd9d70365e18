using DeepWorkMap.Contracts.Sessions;

namespace DeepWorkMap.Contracts.Series;

/// <summary>
/// A weekly series (key: its id): which sessions are its occurrences. Each occurrence is an ordinary session,
/// owned by its own grain; the series only creates them and acts on all of its future ones at once.
/// </summary>
[Alias("DeepWorkMap.ISeriesGrain")]
public interface ISeriesGrain : IGrainWithGuidKey
{
    /// <summary>
    /// Records the plan, then creates every occurrence; idempotent for the same plan, so a retry after a failure
    /// creates whatever is missing. Answers the occurrences as the host sees them.
    /// </summary>
    [Alias("Create")] Task<SeriesOutcome> Create(SeriesPlan plan);

    /// <summary>The series and its occurrences as <paramref name="viewerId"/> may see them; null if it does not exist.</summary>
    [RetrySafe, Alias("View")] Task<SeriesOutcome?> View(Guid? viewerId);

    /// <summary>Joins every occurrence that has not started, waiting in line where one is full; answers each outcome.</summary>
    [Alias("Join")] Task<SeriesOutcome> Join(Guid userId);

    /// <summary>The host cancels every occurrence that has not started.</summary>
    [Alias("Cancel")] Task<SeriesOutcome> Cancel(Guid userId, string? reason);
}
