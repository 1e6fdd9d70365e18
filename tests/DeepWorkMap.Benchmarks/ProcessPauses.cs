using System.Diagnostics;

namespace DeepWorkMap.Benchmarks;

/// <summary>
/// The stops of this process, as a thread that wakes every millisecond sees them: the collector's pauses (the thread is
/// stopped with the others, so a rise in the runtime's pause total is a pause that just ended) and any other wake-up
/// far later than asked. On the same clock as the chat deliveries. (The runtime's GC events reach an in-process listener
/// late, with a time stamp on another clock.) It sees the server only where the server runs: with <c>--clients-apart</c>
/// the parent process watches its own.
/// </summary>
public sealed class ProcessPauses : IDisposable
{
    private readonly Lock _gate = new();
    private readonly List<ChatTail.Hold> _pauses = [];
    private readonly Thread _watcher;
    private volatile bool _stopped;

    private readonly string _whose;

    /// <param name="whose">Put before each hold's name (<c>"server "</c>), when two processes' holds are read together.</param>
    public ProcessPauses(string whose = "")
    {
        _whose = whose;
        _watcher = new Thread(Watch) { IsBackground = true, Name = "Pause watcher", Priority = ThreadPriority.Highest };
        _watcher.Start();
    }

    private static readonly string[] Generations = ["gen 0", "gen 1", "gen 2"];

    private static readonly long StallTicks = Stopwatch.Frequency / 200; // 5 ms

    /// <summary>The stops since the last call, forgotten.</summary>
    public IReadOnlyList<ChatTail.Hold> Take()
    {
        lock (_gate)
        {
            var taken = _pauses.ToArray();
            _pauses.Clear();
            return taken;
        }
    }

    public void Dispose()
    {
        _stopped = true;
        _watcher.Join();
    }

    private void Watch()
    {
        var paused = GC.GetTotalPauseDuration();
        int[] counts = [GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2)];
        var last = Stopwatch.GetTimestamp();
        while (!_stopped)
        {
            Thread.Sleep(1);
            var now = Stopwatch.GetTimestamp();
            var sinceLast = now - last;
            last = now;
            var pausedNow = GC.GetTotalPauseDuration();
            if (pausedNow == paused)
            {
                // Asleep far longer than asked, with no collection: the runtime stopped the threads for something else
                // (tiered compilation installs its code that way), or the process got no core. Seen at once in the
                // server's and the clients' process, it is the machine.
                if (sinceLast > StallTicks) lock (_gate) _pauses.Add(new ChatTail.Hold(now - sinceLast, sinceLast * 1000.0 / Stopwatch.Frequency, _whose + "stalled"));
                continue;
            }
            var what = "gen 2 in the background"; // its second pause: counted when it began
            for (var g = 0; g <= 2; g++)
            {
                var count = GC.CollectionCount(g);
                if (count != counts[g]) what = Generations[g];
                counts[g] = count;
            }
            var pause = pausedNow - paused;
            paused = pausedNow;
            lock (_gate) _pauses.Add(new ChatTail.Hold(now - (long)(pause.TotalSeconds * Stopwatch.Frequency), pause.TotalMilliseconds, _whose + what));
        }
    }
}
