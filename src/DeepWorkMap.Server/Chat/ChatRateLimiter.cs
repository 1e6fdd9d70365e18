using DeepWorkMap.Contracts.Accounts;
using Microsoft.Extensions.Options;

namespace DeepWorkMap.Server.Chat;

/// <summary>
/// A token bucket per user, shared by the REST endpoint and the hub, and by every front door: it lives in the
/// user's account grain, so a flood spread over sessions or silos meets one budget. The default (a burst of
/// 20, then 5 a second) never stops a person typing fast and stops a flood within a second.
/// </summary>
public sealed class ChatRateLimiter(IGrainFactory grains, IOptions<ChatLimits> options)
{
    public Task<bool> TryAcquireAsync(Guid userId) =>
        grains.GetGrain<IAccountGrain>(userId).TryTakeChatToken(options.Value.ChatBurst, options.Value.ChatMessagesPerSecond);
}
