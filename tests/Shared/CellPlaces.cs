namespace DeepWorkMap.Testing;

/// <summary>Places in a cell of a grid, where cloaking is weakest as well as anywhere: at its corners and on its edges.</summary>
public static class CellPlaces
{
    // About a centimetre inside: the place is still the cell's.
    private const double Inside = 1e-7;

    /// <summary>A point of the cell: at a corner, on an edge or anywhere inside, by <paramref name="kind"/> (0, 1, 2), else by chance.</summary>
    public static (double Lat, double Lng) In((double South, double West, double North, double East) cell, Random random, int? kind = null)
    {
        var (south, west, north, east) = cell;
        double Edge(double low, double high) => random.Next(2) == 0 ? low + Inside : high - Inside;
        double Anywhere(double low, double high) => low + Inside + random.NextDouble() * (high - low - 2 * Inside);
        return (kind ?? random.Next(3)) switch
        {
            0 => (Edge(south, north), Edge(west, east)),
            1 => random.Next(2) == 0 ? (Edge(south, north), Anywhere(west, east)) : (Anywhere(south, north), Edge(west, east)),
            _ => (Anywhere(south, north), Anywhere(west, east)),
        };
    }
}
