using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace DeepWorkMap.Benchmarks;

/// <summary>
/// Where a chat step's slowest deliveries are: bunched in a few moments (a pause of the whole process: the collector,
/// a timer's burst of work) or spread over the step (a slow path some messages take), and whether the bunches line up
/// with the collector's pauses. The p99 alone moved 5–30 ms from run to run on one quiet host; this says which of the
/// two it is before anyone changes the path.
/// </summary>
public static class ChatTail
{
    private const double WindowMs = 100;

    /// <summary>Holds shorter than this are not counted as a cause: a delivery above the p99 waited longer.</summary>
    private const double HoldMs = 2;

    /// <summary>One delivery: when it was sent (Stopwatch ticks), how long it took, and the session it belongs to.</summary>
    public readonly record struct Delivery(long SentAt, double LatencyMs, int Session);

    /// <summary>
    /// What a step leaves to describe: its deliveries above the p99, and the holds its process saw. Plain data, so a client
    /// process can hand it to the server's (<c>--clients-apart</c>), which adds its own holds: Stopwatch ticks are the
    /// system's monotonic clock on Linux, the same in both.
    /// </summary>
    public sealed record Sample(Delivery[] Slow, double P99Ms, long StepStartedAt, double StepSeconds, Hold[] Holds, int Sessions, int WindowCount)
    {
        public static Sample Of(IEnumerable<Delivery> deliveries, double p99Ms, long stepStartedAt, double stepSeconds, Hold[] holds, int sessions) =>
            new([.. deliveries.Where(d => d.LatencyMs > p99Ms)], p99Ms, stepStartedAt, stepSeconds,
                [.. holds.Where(h => h.Milliseconds >= HoldMs)], sessions, Math.Max(1, (int)Math.Ceiling(stepSeconds * 1000 / WindowMs)));

        public string Describe(IEnumerable<Hold> moreHolds) => ChatTail.Describe(this with { Holds = [.. Holds, .. moreHolds] });
    }

    /// <summary>
    /// Something that held deliveries up for a while, on the deliveries' clock (Stopwatch ticks): one of the collector's
    /// pauses (<c>gen 0</c>…), the process stopped for something else (<c>no collection</c>), a slow disk flush.
    /// </summary>
    public readonly record struct Hold(long StartedAt, double Milliseconds, string What);

    /// <summary>
    /// Where the step's slowest deliveries (above its p99) are: how many 100 ms windows of sending hold them, and how many
    /// fall in the worst 1% of windows (bunched: a stop of the process or the disk; spread: a slow path some messages
    /// take); what share were in flight during each kind of hold or sent into its backlog (the longest that fits counted;
    /// the plain hub's share on disk flushes, which it does not wait for, is the rate of coincidence);
    /// how bunched they are by session; then the worst windows and the longest holds, by seconds into the step.
    /// </summary>
    private static string Describe(Sample sample)
    {
        var (slow, p99Ms, stepStartedAt, stepSeconds, holds, sessions, windowCount) = sample;
        if (slow.Length == 0) return "  tail: no delivery above the p99";
        var perWindow = new int[windowCount + 1];
        var maxPerWindow = new double[windowCount + 1];
        foreach (var delivery in slow)
        {
            var window = Math.Clamp((int)(MsSince(stepStartedAt, delivery.SentAt) / WindowMs), 0, windowCount);
            perWindow[window]++;
            maxPerWindow[window] = Math.Max(maxPerWindow[window], delivery.LatencyMs);
        }
        var ranked = Enumerable.Range(0, perWindow.Length).Where(w => perWindow[w] > 0).OrderByDescending(w => perWindow[w]).ToArray();
        var worstOnePercent = ranked.Take(Math.Max(1, windowCount / 100)).Sum(w => perWindow[w]);
        var stepHolds = holds.Where(h => h.Milliseconds >= HoldMs && MsSince(stepStartedAt, h.StartedAt) <= stepSeconds * 1000)
            .OrderByDescending(h => h.Milliseconds).ToArray();
        var byCause = slow.GroupBy(d => stepHolds.FirstOrDefault(h => HeldBy(d, h)).What ?? "no hold")
            .Select(g => $"{g.Key} {Percent(g.Count(), slow.Length)}");
        var perSession = slow.GroupBy(d => d.Session).Select(g => g.Count()).OrderDescending().ToArray();
        var topTenthOfSessions = perSession.Take(Math.Max(1, sessions / 10)).Sum();

        var line = new StringBuilder();
        line.Append(CultureInfo.InvariantCulture,
            $"  tail: {slow.Length:N0} deliveries above p99 {p99Ms:F1} ms, in {ranked.Length} of {windowCount} {WindowMs:F0} ms windows, " +
            $"{Percent(worstOnePercent, slow.Length)} in the worst 1% of them; in flight during a hold ≥ {HoldMs:F0} ms or just after it: " +
            $"{string.Join(", ", byCause)}; {Percent(topTenthOfSessions, slow.Length)} in the slowest tenth of sessions");
        line.Append("\n  worst windows (s into the step: slow deliveries, max ms):");
        foreach (var w in ranked.Take(6))
            line.Append(CultureInfo.InvariantCulture, $" {w * WindowMs / 1000:F1}: {perWindow[w]}, {maxPerWindow[w]:F0};");
        if (stepHolds.Length > 0) line.Append("\n  ").Append(DescribeHolds(stepHolds, stepStartedAt));
        return line.ToString();

        // In flight while it lasted, or sent into the backlog it left (up to its own length after it).
        bool HeldBy(Delivery delivery, Hold hold)
        {
            var sentMs = MsSince(stepStartedAt, delivery.SentAt);
            var holdStartMs = MsSince(stepStartedAt, hold.StartedAt);
            return sentMs + delivery.LatencyMs >= holdStartMs && sentMs <= holdStartMs + 2 * hold.Milliseconds;
        }
    }

    /// <summary>The longest holds of ≥ 2 ms, by when they began after <paramref name="since"/> (Stopwatch ticks).</summary>
    public static string DescribeHolds(IEnumerable<Hold> holds, long since)
    {
        var line = new StringBuilder("holds ≥ 2 ms (s into the step: what, ms):");
        foreach (var hold in holds.Where(h => h.Milliseconds >= HoldMs).OrderByDescending(h => h.Milliseconds).Take(8))
            line.Append(CultureInfo.InvariantCulture, $" {MsSince(since, hold.StartedAt) / 1000:F1}: {hold.What}, {hold.Milliseconds:F0};");
        return line.ToString();
    }

    private static double MsSince(long from, long to) => (to - from) * 1000.0 / Stopwatch.Frequency;

    private static string Percent(int part, int whole) => $"{100.0 * part / Math.Max(1, whole):F0}%";
}
