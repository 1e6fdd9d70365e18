using DeepWorkMap.Contracts;
using DeepWorkMap.Contracts.Series;
using DeepWorkMap.Contracts.Sessions;
using DeepWorkMap.Grains.Sessions;
using Microsoft.Extensions.Options;

namespace DeepWorkMap.Grains.Series;

/// <summary>
/// A weekly series. Its state is only the plan and the occurrences' ids, written before any occurrence exists,
/// so a create that fails half-way is finished by a retry; everything else is asked of the occurrences.
/// </summary>
public sealed class SeriesGrain(
    [PersistentState("series", StorageNames.Default)] IPersistentState<SeriesState> state,
    IOptions<ParticipationLimits> participation) : Grain, ISeriesGrain
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

    /// <summary>
    /// Joins (or waits for) each occurrence to come, the earliest first while the user has places left
    /// (<c>Sessions:ActiveJoinsPerUser</c>): the places are taken for all of them in one step, before any is joined, and
    /// the occurrences beyond the cap are skipped with <c>limit_reached</c>.
    /// </summary>
    public async Task<SeriesOutcome> Join(Guid userId)
    {
        var outcome = await ForEachFuture(userId, async session =>
        {
            var joined = await session.Join(userId);
            return joined.Error == ErrorCodes.SessionFull ? await session.JoinWaitlist(userId, null) : joined;
        }, TakePlaces);
        // A place taken for an occurrence that then refused the user (a block, a full line, …) goes back.
        if (participation.Value.ActiveJoinsPerUser > 0)
        {
            foreach (var refused in outcome.Skipped.Where(s => s.Code is not (ErrorCodes.LimitReached or ErrorCodes.NotFound)))
                GrainFactory.GetGrain<IJoinQuotaGrain>(userId).Release(refused.SessionId).Ignore();
        }
        return outcome;
    }

    /// <summary>The occurrences the user may join, of those to come: all of them with the cap off.</summary>
    private async Task<IReadOnlySet<Guid>> TakePlaces(IReadOnlyList<SessionSnapshot> futures, Guid userId)
    {
        var cap = participation.Value.ActiveJoinsPerUser;
        // Their host holds no place in them, and a seat they have already is theirs.
        var wanted = futures.Where(s => s.HostId != userId).OrderBy(s => s.StartTime).Select(s => s.Id).ToList();
        var granted = cap <= 0 ? wanted : await GrainFactory.GetGrain<IJoinQuotaGrain>(userId).Take(wanted, cap);
        return new HashSet<Guid>(granted.Concat(futures.Where(s => s.HostId == userId).Select(s => s.Id)));
    }

    public async Task<SeriesOutcome> Cancel(Guid userId, string? reason)
    {
        if (KnownPlan() is not { } plan) return SeriesOutcome.Fail(Id, ErrorCodes.NotFound);
        if (plan.Template.HostId != userId) return SeriesOutcome.Fail(Id, ErrorCodes.NotHost);
        return await ForEachFuture(userId, session => session.Cancel(userId, reason));
    }

    /// <summary>
    /// Does <paramref name="act"/> to every occurrence that has not started (of those <paramref name="allowed"/>, if given;
    /// the others are skipped with <c>limit_reached</c>), in parallel (each is its own grain), and answers every occurrence
    /// afterwards with the ones it could not change.
    /// </summary>
    private async Task<SeriesOutcome> ForEachFuture(
        Guid userId, Func<IStudySessionGrain, Task<SessionOutcome>> act, Func<IReadOnlyList<SessionSnapshot>, Guid, Task<IReadOnlySet<Guid>>>? allowed = null)
    {
        if (KnownPlan() is not { } plan) return SeriesOutcome.Fail(Id, ErrorCodes.NotFound);
        var before = await Task.WhenAll(state.State.SessionIds.Select(id => Session(id).View(userId, null)));
        var futures = before.OfType<SessionSnapshot>().Where(s => s.Status == SessionStatuses.StartingSoon).ToList();
        var permitted = allowed is null ? null : await allowed(futures, userId);
        var results = await Task.WhenAll(state.State.SessionIds.Select(async (id, i) =>
        {
            if (before[i] is not { } seen) return new Result(id, null, ErrorCodes.NotFound);
            if (seen.Status != SessionStatuses.StartingSoon) return new Result(id, seen, null);
            if (permitted is not null && !permitted.Contains(id)) return new Result(id, seen, ErrorCodes.LimitReached);
            var outcome = await act(Session(id));
            return new Result(id, outcome.Session ?? seen, outcome.Error);
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
