using DeepWorkMap.Contracts.Accounts;
using DeepWorkMap.Contracts.Api;
using DeepWorkMap.Contracts.Chat;
using DeepWorkMap.Server.Http;
using DeepWorkMap.Server.Identity;
using DeepWorkMap.Server.Sessions;

namespace DeepWorkMap.Server.Chat;

/// <summary>A session's chat read back, newest first a page at a time, as one of its participants sees it.</summary>
public sealed class ChatHistory(SessionGrains sessions, IGrainFactory grains, SessionViews views)
{
    public async Task<(ItemsDto<MessageDto>? Page, Refusal? Refusal)> PageAsync(
        Guid sessionId, Caller reader, string? before, string? limit, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var (beforeSeq, size) = ChatRules.ValidatePage(before, limit, errors);
        if (errors.Count > 0) return (null, Refusal.Validation(errors));

        var page = await sessions.Get(sessionId).History(reader.Id, beforeSeq, size);
        if (page.Error is { } error) return (null, Refusal.ForSessionError(error));
        var hidden = await grains.GetGrain<IAccountGrain>(reader.Id).Hidden();
        return (new ItemsDto<MessageDto>(await views.ToDtosAsync(Shown(page.Items!, hidden), cancellationToken)), null);
    }

    /// <summary>Messages of users the reader blocked, or who blocked the reader, are left out (the page may be shorter).</summary>
    public static IReadOnlyList<ChatMessage> Shown(IReadOnlyList<ChatMessage> messages, IReadOnlySet<Guid> hidden) =>
        hidden.Count == 0 ? messages : messages.Where(m => !hidden.Contains(m.UserId)).ToList();
}
