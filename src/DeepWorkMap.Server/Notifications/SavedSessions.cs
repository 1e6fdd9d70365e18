using DeepWorkMap.Contracts.Api;
using DeepWorkMap.Contracts.Sessions;
using DeepWorkMap.Contracts.Users;
using DeepWorkMap.Server.Http;
using DeepWorkMap.Server.Identity;
using DeepWorkMap.Server.Sessions;

namespace DeepWorkMap.Server.Notifications;

/// <summary>Sessions a user saved for later. Only a session the caller may see can be saved (a private one needs them to take part).</summary>
public sealed class SavedSessions(IGrainFactory grains, SessionGrains sessions, SessionViews views)
{
    /// <summary>Null once the session is saved (or forgotten).</summary>
    public async Task<Refusal?> SetAsync(Caller me, Guid sessionId, bool saved)
    {
        if (saved && await sessions.Get(sessionId).View(me.Id, null) is null) return Refusal.NotFound("The session");
        await grains.GetGrain<IUserGrain>(me.Id).SetSaved(sessionId, saved);
        return null;
    }

    /// <summary>The saved sessions the caller may still see, in the order saved.</summary>
    public async Task<IReadOnlyList<SessionDto>> ListAsync(Caller me, CancellationToken cancellationToken)
    {
        var saved = await grains.GetGrain<IUserGrain>(me.Id).Saved();
        var shown = (await Task.WhenAll(saved.Select(id => sessions.Get(id).View(me.Id, null)))).OfType<SessionSnapshot>();
        var dtos = new List<SessionDto>();
        foreach (var session in shown) dtos.Add(await views.ToDtoAsync(session, Viewer.Member, cancellationToken));
        return dtos;
    }
}
