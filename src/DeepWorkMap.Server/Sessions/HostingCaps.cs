using DeepWorkMap.Grains;
using DeepWorkMap.Grains.Sessions;
using DeepWorkMap.Server.Http;
using Microsoft.Extensions.Options;

namespace DeepWorkMap.Server.Sessions;

/// <summary>
/// How much one host may run at once (<c>Sessions:ActiveSessionsPerHost</c>, <c>Sessions:ActiveSeriesPerHost</c>), counted
/// from the catalog before a session or a weekly series is created; 0 turns a cap off.
/// </summary>
public sealed class HostingCaps(ISessionCatalog catalog, IOptions<SessionLimits> limits, Clock clock)
{
    /// <summary>Null while the host may create another single session; else 409 <c>limit_reached</c>.</summary>
    public Task<Refusal?> RefuseSessionAsync(Guid hostId, CancellationToken cancellationToken) =>
        RefuseAsync(hostId, limits.Value.ActiveSessionsPerHost, hosting => hosting.Sessions,
            cap => $"You already host {cap} sessions that have not finished; end one first.", cancellationToken);

    /// <summary>Null while the host may create another weekly series; else 409 <c>limit_reached</c>.</summary>
    public Task<Refusal?> RefuseSeriesAsync(Guid hostId, CancellationToken cancellationToken) =>
        RefuseAsync(hostId, limits.Value.ActiveSeriesPerHost, hosting => hosting.Series,
            cap => $"You already host {cap} weekly series with sessions to come; cancel one first.", cancellationToken);

    private async Task<Refusal?> RefuseAsync(Guid hostId, int cap, Func<(int Sessions, int Series), int> held, Func<int, string> message,
        CancellationToken cancellationToken)
    {
        if (cap <= 0 || held(await catalog.ActiveHostingAsync(hostId, clock.GetUtcNow(), cancellationToken)) < cap) return null;
        return Refusal.LimitReached(message(cap));
    }
}
