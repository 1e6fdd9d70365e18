using DeepWorkMap.Contracts.Accounts;
using DeepWorkMap.Contracts.Sessions;
using DeepWorkMap.Grains;
using DeepWorkMap.Grains.Chat;
using DeepWorkMap.Grains.Sessions;
using DeepWorkMap.Server.Http;
using DeepWorkMap.Server.Identity;

namespace DeepWorkMap.Server.Moderation;

/// <summary>What a moderator does about a report: hide a message, end a session, suspend (or reinstate) a user.</summary>
public sealed class ModeratorActions(IChatLog chat, IUserStore users, ISessionCatalog catalog, IGrainFactory grains, UserDirectory directory, Clock clock)
{
    /// <summary>Hides a chat message from everyone; null once done.</summary>
    public async Task<Refusal?> HideMessageAsync(Guid messageId, CancellationToken cancellationToken)
    {
        if (await chat.SessionOfAsync(messageId, cancellationToken) is not { } sessionId) return Refusal.NotFound("The message");
        await grains.GetGrain<IStudySessionGrain>(sessionId).HideMessage(messageId);
        return null;
    }

    /// <summary>Ends a session as its host could; null once done.</summary>
    public async Task<Refusal?> EndSessionAsync(Guid sessionId)
    {
        var outcome = await grains.GetGrain<IStudySessionGrain>(sessionId).EndByModerator();
        return outcome.Error is { } error ? Refusal.ForSessionError(error) : null;
    }

    /// <summary>
    /// Suspension takes effect at once on every front door: the account grain refuses the tokens and drops the hub
    /// connections, and the sessions the user hosts leave every map until they are reinstated. Asking again does it
    /// all again, so a suspension cut short by a failure is finished by repeating it. Null once done.
    /// </summary>
    public async Task<Refusal?> SetSuspendedAsync(Guid userId, bool suspended, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        if (!await users.SetSuspendedAsync(userId, suspended, now, cancellationToken)) return Refusal.NotFound("The user");
        var account = grains.GetGrain<IAccountGrain>(userId);
        await (suspended ? account.Close() : account.Reload());
        directory.Forget(userId);
        foreach (var sessionId in await catalog.HostedByAsync(userId, unfinishedAt: now, cancellationToken))
            await grains.GetGrain<IStudySessionGrain>(sessionId).SetHostSuspended(suspended);
        return null;
    }
}
