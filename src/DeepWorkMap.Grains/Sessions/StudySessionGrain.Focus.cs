using DeepWorkMap.Contracts.Sessions;
using DeepWorkMap.Grains.Focus;
using Microsoft.Extensions.Logging;

namespace DeepWorkMap.Grains.Sessions;

/// <summary>
/// Focus time: a participant focuses while a front door reports them active and the session is live, and, if it has a
/// timer, while a focus phase runs. Each participant's time is accounted up to now before anything that changes it (a
/// report, the timer, leaving, the end) and at each sweep, under things as they stood since the last accounting, so
/// no moment is missed or counted twice however seldom it runs. The stretches go to the focus log as they grow.
/// </summary>
public sealed partial class StudySessionGrain
{
    private FocusTracker? _focusTime;

    /// <summary>For each participant present now, the moment up to which their focus is accounted.</summary>
    private Dictionary<Guid, DateTimeOffset>? _focusCountedUntil; // made at the first focus counted

    private FocusTracker FocusTime => _focusTime ??= new FocusTracker(Id);

    /// <summary>
    /// Accounts each present participant's focus up to now. A front door that went silent stops counting for its users
    /// when its lease lapses, so a crash can credit them at most the lease.
    /// </summary>
    private void AccountFocus()
    {
        if (!Exists) return;
        var now = clock.GetUtcNow();
        foreach (var userId in state.State.Participants.Keys)
        {
            var since = LiveReportOf(userId).ActiveSince;
            if (since is null)
            {
                _focusCountedUntil?.Remove(userId);
                continue;
            }
            var from = _focusCountedUntil is { } counted && counted.TryGetValue(userId, out var until) ? until : since.Value;
            AddFocusWithin(userId, from, now);
            (_focusCountedUntil ??= [])[userId] = now;
        }
        List<Guid>? gone = null;
        if (_focusCountedUntil is { } countedSoFar)
            foreach (var userId in countedSoFar.Keys)
                if (!state.State.Participants.ContainsKey(userId)) (gone ??= []).Add(userId);
        if (gone is not null) foreach (var userId in gone) _focusCountedUntil!.Remove(userId);
    }

    /// <summary>
    /// Adds to <paramref name="userId"/>'s focus time the parts of [<paramref name="from"/>, <paramref name="to"/>) that count
    /// as focus, under the session and timer as they stand. Not an iterator: the sweep runs it for every present participant
    /// every 2 s, and the iterator object was an allocation each time (2,000 participants: 1,000 a second).
    /// </summary>
    private void AddFocusWithin(Guid userId, DateTimeOffset from, DateTimeOffset to)
    {
        if (state.State.CancelledAt is not null) return;
        // The session's bounds alone, not a whole snapshot per participant per sweep.
        var startTime = state.State.Facts!.StartTime;
        var endTime = EndsAt();
        if (from < startTime) from = startTime;
        if (to > endTime) to = endTime;
        if (state.State.Timer is null)
        {
            if (from < to) FocusTime.Add(userId, from, to);
            return;
        }
        // A timer set or resumed later counts from then; a paused one counts nothing from its pause.
        if (state.State.TimerRestartedAt is { } restarted && from < restarted) from = restarted;
        if (state.State.TimerPausedAt is { } paused && to > paused) to = paused;
        for (var t = from; t < to;)
        {
            if (Phase(t) is not { } phase)
            {
                t = startTime + state.State.TimerShift; // the timer starts later than the session (it was held back)
                continue;
            }
            if (phase.EndsAt is not { } ends) return; // done
            if (phase.Kind == TimerPhase.Focus) FocusTime.Add(userId, t, ends < to ? ends : to);
            t = ends;
        }
    }

    /// <summary>The sweep's write under way, if any.</summary>
    private Task _focusWrite = Task.CompletedTask;

    /// <summary>
    /// Starts writing what is due, unless the last sweep's write is still under way; the sweep does not wait for it. The
    /// focus log gathers many sessions' writes into one statement and so answers up to a quarter second late, and the
    /// sweep has nothing to do with the answer but mark it: what a write stores is marked written when it answers (a
    /// continuation on this activation that only marks), and until then it stays due.
    /// </summary>
    private void StartWritingFocus()
    {
        if (_focusWrite.IsCompleted) _focusWrite = WriteFocus();
    }

    /// <summary>
    /// Writes what is due (everything unwritten with <paramref name="all"/>, after the sweep's write under way has
    /// answered); a failed write stays due and is tried again at the next sweep.
    /// </summary>
    private async Task WriteFocus(bool all = false)
    {
        if (_focusTime is null) return;
        if (all) await _focusWrite;
        var now = clock.GetUtcNow();
        var due = _focusTime.Due(now, all);
        if (due.Count == 0) return;
        try
        {
            await focusLog.RecordAsync(due);
            _focusTime.Written(due, now);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            LogFocusWriteFailed(logger, Id, e);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Session {SessionId}: writing focus time failed; it is tried again at the next sweep")]
    private static partial void LogFocusWriteFailed(ILogger logger, Guid sessionId, Exception exception);
}
