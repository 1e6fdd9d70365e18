using DeepWorkMap.Contracts.Api;
using DeepWorkMap.Server.Accounts;
using DeepWorkMap.Server.Http;
using DeepWorkMap.Server.Sessions;

namespace DeepWorkMap.Server.Chat;

/// <summary>Sending a chat message, the same way for the REST endpoint and the hub: validate, rate-limit, hand to the session.</summary>
public sealed class SessionChat(SessionGrains sessions, ChatRateLimiter limiter, UserDirectory users, SessionViews views)
{
    public async Task<(MessageDto? Message, Refusal? Refusal)> SendAsync(Guid sessionId, Guid authorId, string? content)
    {
        if (!await users.ExistsAsync(authorId)) return (null, Refusal.Unauthorized("The account of this token no longer exists."));
        if (!ChatRules.IsValidContent(content)) return (null, Refusal.Validation(new Dictionary<string, string[]> { ["content"] = [ChatRules.ContentRule] }));
        if (!await limiter.TryAcquireAsync(authorId)) return (null, Refusal.RateLimited("You are sending messages too fast; wait a moment."));

        // A new id per call: the REST and hub contracts carry no client-chosen message id.
        var outcome = await sessions.Get(sessionId).Send(Guid.NewGuid(), authorId, content!);
        return outcome.Error is { } error ? (null, Refusal.ForSessionError(error)) : (await views.ToDtoAsync(outcome.Message!), null);
    }
}
