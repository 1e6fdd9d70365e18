namespace DeepWorkMap.Grains.Geo;

/// <summary>
/// A search's cheap test of a public position: false only where the search cannot match (outside its circle's
/// bounding box, or its viewport), so a scan may skip a session on its entry alone and leave the rest to the matcher.
/// </summary>
public interface IPlaceTest
{
    bool MayHold(double latitude, double longitude);

    /// <summary>The box <see cref="MayHold"/> tests, in degrees; west above east when it crosses the antimeridian.</summary>
    (double South, double West, double North, double East) Box { get; }
}
