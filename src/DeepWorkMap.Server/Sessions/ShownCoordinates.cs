namespace DeepWorkMap.Server.Sessions;

/// <summary>
/// docs/api.md's positions as answers give them: to 6 decimals of a degree (at most 0.11 m), the precision a public
/// position (350–400 m from its cell's centre) or a cluster's mean has any meaning to. A stored position carries 15–17
/// significant digits; writing them was the largest share of a map page's JSON (docs/benchmarks.md).
/// </summary>
public static class ShownCoordinates
{
    public const int Decimals = 6;

    /// <summary>The coordinate rounded to <see cref="Decimals"/>; never −0 (it would be written "-0").</summary>
    public static double Of(double degrees)
    {
        var rounded = Math.Round(degrees, Decimals);
        return rounded == 0 ? 0 : rounded;
    }
}
