using DeepWorkMap.Contracts.Sessions;

namespace DeepWorkMap.Grains.Sessions;

/// <summary>
/// Counts a user's places in sessions they do not host, in memory. It keeps no state of its own: an activation reads the
/// places the session catalog records (<see cref="ISessionCatalog.PlacesOfAsync"/>, written from the sessions' own state),
/// so the count outlives the grain without a second write per join. It may over-count (a session that finished or let the
/// user go without saying so, or a place the catalog has not recorded yet) but only until the cap is reached, when each
/// place is checked with its session (<see cref="IStudySessionGrain.Holds"/>, which runs even while that session waits on
/// this grain), at most once every <see cref="RecheckAfter"/>.
/// </summary>
public sealed class JoinQuotaGrain(ISessionCatalog catalog, Clock clock) : Grain, IJoinQuotaGrain
{
    public static readonly TimeSpan RecheckAfter = TimeSpan.FromSeconds(5);

    private readonly HashSet<Guid> _held = [];
    private DateTimeOffset _checkedAt = DateTimeOffset.MinValue;

    private Guid UserId => this.GetPrimaryKey();

    public override async Task OnActivateAsync(CancellationToken cancellationToken) =>
        _held.UnionWith(await catalog.PlacesOfAsync(UserId, clock.GetUtcNow(), cancellationToken));

    public async Task<IReadOnlyList<Guid>> Take(IReadOnlyList<Guid> sessionIds, int cap)
    {
        var wanted = sessionIds.Where(id => !_held.Contains(id)).Distinct().ToList();
        if (_held.Count + wanted.Count > cap && clock.GetUtcNow() - _checkedAt >= RecheckAfter) await DropStale();
        _held.UnionWith(wanted.Take(Math.Max(0, cap - _held.Count)));
        return sessionIds.Where(_held.Contains).Distinct().ToList();
    }

    public Task Release(Guid sessionId)
    {
        _held.Remove(sessionId);
        return Task.CompletedTask;
    }

    private async Task DropStale()
    {
        var held = _held.ToList();
        var holds = await Task.WhenAll(held.Select(id => GrainFactory.GetGrain<IStudySessionGrain>(id).Holds(UserId)));
        _checkedAt = clock.GetUtcNow();
        _held.ExceptWith(held.Where((_, i) => !holds[i]));
    }
}
