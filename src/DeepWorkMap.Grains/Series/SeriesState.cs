using DeepWorkMap.Contracts.Series;

namespace DeepWorkMap.Grains.Series;

[GenerateSerializer, Alias("DeepWorkMap.SeriesState")]
public sealed class SeriesState
{
    /// <summary>The plan as created; null until then.</summary>
    [Id(0)] public SeriesPlan? Plan { get; set; }

    /// <summary>The occurrences' session ids, one per start of the plan, in start order; chosen before any is created.</summary>
    [Id(1)] public List<Guid> SessionIds { get; set; } = [];
}
