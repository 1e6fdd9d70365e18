using DeepWorkMap.Grains.Focus;

namespace DeepWorkMap.UnitTests.Focus;

/// <summary>A session's focus stretches: joined while they follow on, split at gaps, written as they grow.</summary>
public sealed class FocusTrackerTests
{
    private static readonly Guid Session = Guid.NewGuid();
    private static readonly Guid Ada = Guid.NewGuid();
    private static readonly DateTimeOffset T0 = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);

    private static FocusInterval Interval(int fromMinute, int toMinute) => new(Ada, Session, T0.AddMinutes(fromMinute), T0.AddMinutes(toMinute));

    [Fact]
    public void Time_that_follows_on_extends_the_stretch_and_time_after_a_gap_begins_a_new_one()
    {
        var tracker = new FocusTracker(Session);
        tracker.Add(Ada, T0, T0.AddMinutes(10));
        tracker.Add(Ada, T0.AddMinutes(10), T0.AddMinutes(25));
        tracker.Add(Ada, T0.AddMinutes(30), T0.AddMinutes(31)); // after the break
        Assert.Equal([Interval(0, 25), Interval(30, 31)], tracker.Due(T0.AddMinutes(31)));
    }

    [Fact]
    public void A_growing_stretch_is_written_every_few_seconds_and_a_failed_write_stays_due()
    {
        var tracker = new FocusTracker(Session);
        var now = T0.AddMinutes(1);
        tracker.Add(Ada, T0, now);
        var first = tracker.Due(now);
        tracker.Written(first, now);
        Assert.True(tracker.IsIdle);
        tracker.Add(Ada, now, now.AddSeconds(2));
        Assert.Empty(tracker.Due(now.AddSeconds(2)));
        Assert.Equal([new FocusInterval(Ada, Session, T0, now.AddSeconds(2))], tracker.Due(now.AddSeconds(2), all: true));
        Assert.Equal([new FocusInterval(Ada, Session, T0, now.AddSeconds(2))], tracker.Due(now + FocusTracker.WriteEvery));

        // Not marked written (the write failed): still due, along with the next stretch.
        tracker.Add(Ada, now.AddMinutes(10), now.AddMinutes(11));
        Assert.Equal([new FocusInterval(Ada, Session, T0, now.AddSeconds(2)), Interval(11, 12)], tracker.Due(now.AddMinutes(11)));
        tracker.Written(tracker.Due(now.AddMinutes(11)), now.AddMinutes(11));
        Assert.True(tracker.IsIdle);
    }

    [Fact]
    public void An_empty_stretch_is_nothing()
    {
        var tracker = new FocusTracker(Session);
        tracker.Add(Ada, T0, T0);
        Assert.True(tracker.IsIdle);
        Assert.Empty(tracker.Due(T0.AddMinutes(1), all: true));
    }
}
