using DeepWorkMap.Contracts.Sessions;

namespace DeepWorkMap.Grains.Sessions;

[GenerateSerializer, Alias("DeepWorkMap.JoinQuotaState")]
public sealed class JoinQuotaState
{
    /// <summary>The sessions the user took a place in and has not given back.</summary>
    [Id(0)] public HashSet<Guid> Sessions { get; set; } = [];
}

/// <summary>
/// Counts a user's places in sessions they do not host. Its state is written before a place is granted, so the count
/// survives the grain; it may over-count (a session that finished or let the user go without saying so) but only until
/// the cap is reached, when each place is checked with its session (<see cref="IStudySessionGrain.Holds"/>, which runs
/// even while that session waits on this grain), at most once every <see cref="RecheckAfter"/>.
/// </summary>
public sealed class JoinQuotaGrain(
    [PersistentState("join-quota", StorageNames.Default)] IPersistentState<JoinQuotaState> state,
    Clock clock) : Grain, IJoinQuotaGrain
{
    public static readonly TimeSpan RecheckAfter = TimeSpan.FromSeconds(5);

    private DateTimeOffset _checkedAt = DateTimeOffset.MinValue;

    private Guid UserId => this.GetPrimaryKey();

    public async Task<IReadOnlyList<Guid>> Take(IReadOnlyList<Guid> sessionIds, int cap)
    {
        var held = state.State.Sessions;
        var wanted = sessionIds.Where(id => !held.Contains(id)).Distinct().ToList();
        if (held.Count + wanted.Count > cap && clock.GetUtcNow() - _checkedAt >= RecheckAfter) await DropStale();
        var taken = wanted.Take(Math.Max(0, cap - held.Count)).ToList();
        if (taken.Count > 0)
        {
            held.UnionWith(taken);
            await state.WriteStateAsync();
        }
        return sessionIds.Where(held.Contains).Distinct().ToList();
    }

    public async Task Release(Guid sessionId)
    {
        if (state.State.Sessions.Remove(sessionId)) await state.WriteStateAsync();
    }

    private async Task DropStale()
    {
        var held = state.State.Sessions.ToList();
        var holds = await Task.WhenAll(held.Select(id => GrainFactory.GetGrain<IStudySessionGrain>(id).Holds(UserId)));
        _checkedAt = clock.GetUtcNow();
        var stale = held.Where((_, i) => !holds[i]).ToList();
        if (stale.Count == 0) return;
        state.State.Sessions.ExceptWith(stale);
        await state.WriteStateAsync();
    }
}
