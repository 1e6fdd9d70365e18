using System.Diagnostics.Metrics;

namespace DeepWorkMap.Grains;

/// <summary>
/// The product's own counters, on the meter "DeepWorkMap" (exported with OpenTelemetry when configured).
/// Active sessions = sessions created − sessions finished − sessions cancelled, summed over the silos.
/// </summary>
public static class DeepWorkMetrics
{
    public const string MeterName = "DeepWorkMap";

    private static readonly Meter Meter = new(MeterName);

    public static readonly Counter<long> SessionsCreated = Meter.CreateCounter<long>("deepwork.sessions.created", description: "Study sessions created");

    public static readonly Counter<long> SessionsFinished = Meter.CreateCounter<long>("deepwork.sessions.finished", description: "Study sessions that finished (by the clock or ended by their host)");

    public static readonly Counter<long> SessionsCancelled = Meter.CreateCounter<long>("deepwork.sessions.cancelled", description: "Study sessions their host called off before they went live");

    public static readonly Counter<long> Promotions = Meter.CreateCounter<long>("deepwork.waitlist.promotions", description: "Waiting users seated when a seat freed");

    public static readonly Counter<long> Joins = Meter.CreateCounter<long>("deepwork.joins", description: "Seats taken (repeated joins not counted)");

    public static readonly Counter<long> Notifications = Meter.CreateCounter<long>("deepwork.notifications", description: "Notifications stored in users' inboxes (repeats not counted)");

    public static readonly Counter<long> Messages = Meter.CreateCounter<long>("deepwork.messages", description: "Chat messages accepted and stored");

    public static readonly UpDownCounter<int> OutboxDepth = Meter.CreateUpDownCounter<int>("deepwork.outbox.depth",
        description: "Notices that active sessions owe people and have not delivered yet (a seat from the waitlist, a cancellation, followers' news)");

    public static readonly Histogram<double> ReminderLag = Meter.CreateHistogram<double>("deepwork.reminders.lag", unit: "s",
        description: "How late a session's reminder fired after its lead time came (Orleans reminders poll once a minute)");

    public static readonly Histogram<double> SearchDuration = Meter.CreateHistogram<double>("deepwork.search.duration", unit: "ms", description: "Nearby search time, tiles asked in parallel and merged");
}
