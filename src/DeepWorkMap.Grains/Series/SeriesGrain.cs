using DeepWorkMap.Contracts;
using DeepWorkMap.Contracts.Series;
using DeepWorkMap.Contracts.Sessions;

namespace DeepWorkMap.Grains.Series;

/// <summary>
/// A weekly series. Its state is only the plan and the occurrences' ids, written before any occurrence exists,
/// so a create that fails half-way is finished by a retry; everything else is asked of the occurrences.
/// </summary>
public sealed class SeriesGrain([PersistentState("series", StorageNames.Default)] IPersistentState<SeriesState> state) : Grain, ISeriesGrain
{
    private Guid Id => this.GetPrimaryKey();

    public async Task<SeriesOutcome> Create(SeriesPlan plan)
    {
        if (state.State.Plan is { } existing && !existing.SameAs(plan)) return SeriesOutcome.Fail(Id, ErrorCodes.AlreadyExists);
        if (state.State.Plan is null)
        {
            state.State.Plan = plan;
            state.State.SessionIds = plan.Starts.Select(_ => Guid.NewGuid()).ToList();
            await state.WriteStateAsync();
        }

        var outcomes = await Task.WhenAll(state.State.SessionIds.Select((id, i) =>
            Session(id).Create(plan.Template with { StartTime = plan.Starts[i] })));
        if (outcomes.FirstOrDefault(o => o.Error is not null) is { } failed) return SeriesOutcome.Fail(Id, failed.Error!);
        return new SeriesOutcome(Id, plan, outcomes.Select(o => o.Session!).ToList(), []);
    }

    public async Task<SeriesOutcome?> View(Guid? viewerId)
    {
        if (KnownPlan() is not { } plan) return null;
        var sessions = await Task.WhenAll(state.State.SessionIds.Select(id => Session(id).View(viewerId, null)));
        return new SeriesOutcome(Id, plan, sessions.OfType<SessionSnapshot>().ToList(), []);
    }

    public Task<SeriesOutcome> Join(Guid userId) => ForEachFuture(userId, async session =>
    {
        var joined = await session.Join(userId);
        return joined.Error == ErrorCodes.SessionFull ? await session.JoinWaitlist(userId, null) : joined;
    });

    public async Task<SeriesOutcome> Cancel(Guid userId, string? reason)
    {
        if (KnownPlan() is not { } plan) return SeriesOutcome.Fail(Id, ErrorCodes.NotFound);
        if (plan.Template.HostId != userId) return SeriesOutcome.Fail(Id, ErrorCodes.NotHost);
        return await ForEachFuture(userId, session => session.Cancel(userId, reason));
    }

    /// <summary>
    /// Does <paramref name="act"/> to every occurrence that has not started, in parallel (each is its own grain),
    /// and answers every occurrence afterwards with the ones it could not change.
    /// </summary>
    private async Task<SeriesOutcome> ForEachFuture(Guid userId, Func<IStudySessionGrain, Task<SessionOutcome>> act)
    {
        if (KnownPlan() is not { } plan) return SeriesOutcome.Fail(Id, ErrorCodes.NotFound);
        var results = await Task.WhenAll(state.State.SessionIds.Select(async id =>
        {
            var session = Session(id);
            var before = await session.View(userId, null);
            if (before is null) return new Result(id, null, ErrorCodes.NotFound);
            if (before.Status != SessionStatuses.StartingSoon) return new Result(id, before, null);
            var outcome = await act(session);
            return new Result(id, outcome.Session ?? before, outcome.Error);
        }));
        var skipped = results.Where(r => r.Error is not null).Select(r => new SeriesSkip(r.SessionId, r.Error!)).ToList();
        return new SeriesOutcome(Id, plan, results.Select(r => r.Session).OfType<SessionSnapshot>().ToList(), skipped);
    }

    /// <summary>
    /// The plan, or null for a series that was never created: then this activation goes as soon as the call is answered,
    /// so look-ups of ids from outside leave nothing behind.
    /// </summary>
    private SeriesPlan? KnownPlan()
    {
        if (state.State.Plan is null) DeactivateOnIdle();
        return state.State.Plan;
    }

    private sealed record Result(Guid SessionId, SessionSnapshot? Session, string? Error);

    private IStudySessionGrain Session(Guid id) => GrainFactory.GetGrain<IStudySessionGrain>(id);
}
