namespace DeepWorkMap.Grains.Sessions;

/// <summary>A user's record over the sessions they joined that took place.</summary>
public sealed record AttendanceRecord(int Attended, int NoShows)
{
    /// <summary>Below this many recorded sessions a user is new, and no minimum rate applies to them.</summary>
    public const int ExemptBelow = 3;

    public bool Meets(double minimumRate)
    {
        var total = Attended + NoShows;
        return total < ExemptBelow || (double)Attended / total >= minimumRate;
    }
}
