using DeepWorkMap.Contracts.Sessions;

namespace DeepWorkMap.Contracts.Series;

/// <summary>
/// A validated weekly series: the session every occurrence copies (its start aside), and the start of each
/// occurrence, already worked out in the host's time zone.
/// </summary>
[GenerateSerializer, Immutable, Alias("DeepWorkMap.SeriesPlan")]
public sealed record SeriesPlan(
    [property: Id(0)] CreateSession Template,
    [property: Id(1)] IReadOnlyList<string> DaysOfWeek,
    [property: Id(2)] int Weeks,
    [property: Id(3)] string TimeZone,
    [property: Id(4)] IReadOnlyList<DateTimeOffset> Starts)
{
    /// <summary>Plans are compared by value (records compare lists by reference).</summary>
    public bool SameAs(SeriesPlan other) =>
        Template == other.Template && DaysOfWeek.SequenceEqual(other.DaysOfWeek) && Weeks == other.Weeks
        && TimeZone == other.TimeZone && Starts.SequenceEqual(other.Starts);
}
