using System.Diagnostics;

namespace DeepWorkMap.Server.Hosting;

/// <summary>
/// The clock of Orleans' membership and watchdog, counting its timestamps from when this process built its silo
/// rather than from when the machine booted. Orleans' watchdog starts the thread that checks for a stalled health
/// check before it takes that check's first timestamp, so its first look may measure from timestamp 0: with the
/// system clock that is the machine's uptime, and every start logged "Participant check thread has not completed for
/// 00:08:25 … deadlock" and counted a stall against the silo's health. From this clock's 0 the same look measures
/// the few seconds of start-up, well under the 2 × 10 s the watchdog tolerates. Intervals are unchanged: only the
/// origin moves, and the membership services compare timestamps of this clock only.
/// </summary>
public sealed class MembershipClock : TimeProvider
{
    private readonly long _origin = Stopwatch.GetTimestamp();

    /// <summary>Never 0 itself: a timestamp of the first tick is still after the origin.</summary>
    public override long GetTimestamp() => Stopwatch.GetTimestamp() - _origin + 1;
}
