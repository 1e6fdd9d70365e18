using DeepWorkMap.Contracts.Api;
using DeepWorkMap.Contracts.Chat;
using DeepWorkMap.Contracts.Sessions;
using DeepWorkMap.Server.Http;
using DeepWorkMap.Server.Sessions;

namespace DeepWorkMap.Server.Chat;

/// <summary>Sending a chat message, the same way for the REST endpoint and the hub: validate, rate-limit, hand to the session.</summary>
public sealed class SessionChat(SessionGrains sessions, ChatRateLimiter limiter)
{
    public async Task<(ChatMessage? Message, Refusal? Refusal)> SendAsync(Guid sessionId, UserDto author, string? content)
    {
        if (!ChatRules.IsValidContent(content)) return (null, Refusal.Validation(new Dictionary<string, string[]> { ["content"] = [ChatRules.ContentRule] }));
        if (!limiter.TryAcquire(author.Id, sessionId)) return (null, Refusal.RateLimited("You are sending messages too fast; wait a moment."));

        // A new id per call: the REST and hub contracts carry no client-chosen message id.
        var outcome = await sessions.Get(sessionId).Send(Guid.NewGuid(), author, content!);
        return outcome.Error is { } error ? (null, Refusal.ForSessionError(error)) : (outcome.Message, null);
    }
}
