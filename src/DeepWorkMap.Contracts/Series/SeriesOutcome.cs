using DeepWorkMap.Contracts.Sessions;

namespace DeepWorkMap.Contracts.Series;

/// <summary>
/// A series and its occurrences in start order, each as the caller may see it; <see cref="Skipped"/> names the
/// occurrences a join or cancel left alone, with the code that refused it; <see cref="Error"/> refuses the whole call.
/// </summary>
[GenerateSerializer, Immutable, Alias("DeepWorkMap.SeriesOutcome")]
public sealed record SeriesOutcome(
    [property: Id(0)] Guid Id,
    [property: Id(1)] SeriesPlan? Plan,
    [property: Id(2)] IReadOnlyList<SessionSnapshot> Sessions,
    [property: Id(3)] IReadOnlyList<SeriesSkip> Skipped,
    [property: Id(4)] string? Error = null)
{
    public static SeriesOutcome Fail(Guid id, string error) => new(id, null, [], [], error);
}
