namespace DeepWorkMap.Benchmarks;

/// <summary>The nearest-rank percentile every benchmark reports.</summary>
public static class Percentiles
{
    /// <summary>The value at rank ⌈p·n⌉ of <paramref name="sorted"/> (ascending), or <paramref name="whenEmpty"/> when there is none.</summary>
    public static double Of(double[] sorted, double p, double whenEmpty = double.NaN) =>
        sorted.Length == 0 ? whenEmpty : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
}
