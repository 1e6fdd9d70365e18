namespace DeepWorkMap.Testing;

/// <summary>
/// What an attacker computes from public positions to find a place: the mean, a least-squares ring, and (the worst
/// of every weighting) the convex hull of the points. Worked in the azimuthal equidistant plane centred on the place,
/// where a point's distance from the centre is its true distance (by <see cref="Oracle"/>).
/// </summary>
public static class Averaging
{
    /// <summary>How far the mean of the points lies from the place.</summary>
    public static double MeanMetres(double lat, double lng, IEnumerable<(double Lat, double Lng)> points)
    {
        var plane = OnPlane(lat, lng, points);
        return Length((plane.Average(p => p.X), plane.Average(p => p.Y)));
    }

    /// <summary>
    /// How far the centre of the least-squares circle through the points (Kåsa's fit) lies from the place: what finds a
    /// venue whose points were drawn on a ring around it. Points all (nearly) in one place fit no circle: the fit is
    /// then that place.
    /// </summary>
    public static double RingFitMetres(double lat, double lng, IEnumerable<(double Lat, double Lng)> points)
    {
        var plane = OnPlane(lat, lng, points);
        var mean = (X: plane.Average(p => p.X), Y: plane.Average(p => p.Y));
        if (plane.Max(p => Length((p.X - mean.X, p.Y - mean.Y))) < 1) return Length(mean);
        // x² + y² = 2ax + 2by + c, least squares in (a, b, c): the normal equations, by Cramer's rule.
        double sxx = 0, sxy = 0, syy = 0, sx = 0, sy = 0, szx = 0, szy = 0, sz = 0, n = plane.Count;
        foreach (var (x, y) in plane)
        {
            var z = x * x + y * y;
            (sxx, sxy, syy, sx, sy) = (sxx + x * x, sxy + x * y, syy + y * y, sx + x, sy + y);
            (szx, szy, sz) = (szx + z * x, szy + z * y, sz + z);
        }
        double[,] m = { { 2 * sxx, 2 * sxy, sx }, { 2 * sxy, 2 * syy, sy }, { 2 * sx, 2 * sy, n } };
        double[] r = [szx, szy, sz];
        var det = Determinant(m);
        if (Math.Abs(det) < 1e-9 * Math.Abs(2 * sxx * 2 * syy * n) + 1e-12) return Length(mean);
        var a = Determinant(Replace(m, 0, r)) / det;
        var b = Determinant(Replace(m, 1, r)) / det;
        return Length((a, b));
    }

    /// <summary>How close any weighted mean of the points comes to the place: the distance to their convex hull.</summary>
    public static double HullMetres(double lat, double lng, IEnumerable<(double Lat, double Lng)> points)
    {
        var plane = OnPlane(lat, lng, points);
        if (plane.Any(p => Length(p) < 1e-6)) return 0;
        // The place is inside the hull when no half-plane through it holds every point: no gap of π between their directions.
        var angles = plane.Select(p => Math.Atan2(p.Y, p.X)).Order().ToList();
        var widestGap = angles.Zip(angles.Skip(1), (a, b) => b - a).Append(angles[0] + 2 * Math.PI - angles[^1]).Max();
        if (widestGap < Math.PI) return 0;
        return plane.SelectMany(a => plane.Select(b => SegmentDistance(a, b))).Min();
    }

    private static List<(double X, double Y)> OnPlane(double lat, double lng, IEnumerable<(double Lat, double Lng)> points) =>
        points.Select(p =>
        {
            var metres = Oracle.DistanceKm(lat, lng, p.Lat, p.Lng) * 1000;
            var bearing = Oracle.Bearing(lat, lng, p.Lat, p.Lng) * Math.PI / 180;
            return (metres * Math.Sin(bearing), metres * Math.Cos(bearing));
        }).ToList();

    private static double SegmentDistance((double X, double Y) a, (double X, double Y) b)
    {
        var (dx, dy) = (b.X - a.X, b.Y - a.Y);
        var squared = dx * dx + dy * dy;
        var t = squared == 0 ? 0 : Math.Clamp(-(a.X * dx + a.Y * dy) / squared, 0, 1);
        return Length((a.X + t * dx, a.Y + t * dy));
    }

    private static double Length((double X, double Y) v) => Math.Sqrt(v.X * v.X + v.Y * v.Y);

    private static double Determinant(double[,] m) =>
        m[0, 0] * (m[1, 1] * m[2, 2] - m[1, 2] * m[2, 1]) - m[0, 1] * (m[1, 0] * m[2, 2] - m[1, 2] * m[2, 0]) + m[0, 2] * (m[1, 0] * m[2, 1] - m[1, 1] * m[2, 0]);

    private static double[,] Replace(double[,] m, int column, double[] values)
    {
        var copy = (double[,])m.Clone();
        for (var row = 0; row < 3; row++) copy[row, column] = values[row];
        return copy;
    }
}
