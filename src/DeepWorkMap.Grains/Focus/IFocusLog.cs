namespace DeepWorkMap.Grains.Focus;

/// <summary>The <c>focus_time</c> table: every participant's focus intervals, the source of focus stats and streaks.</summary>
public interface IFocusLog
{
    /// <summary>
    /// Records each interval with its user's time zone of the moment; an interval already stored keeps its zone and
    /// the later of the two ends, so writing an open interval again and again as it grows is safe.
    /// </summary>
    Task RecordAsync(IReadOnlyList<FocusInterval> intervals, CancellationToken cancellationToken = default);

    /// <summary>The intervals of these users that overlap [<paramref name="from"/>, <paramref name="to"/>) (all of them without bounds).</summary>
    Task<IReadOnlyList<FocusSpan>> SpansAsync(IReadOnlyCollection<Guid> userIds, DateTimeOffset? from, DateTimeOffset? to, CancellationToken cancellationToken = default);
}
