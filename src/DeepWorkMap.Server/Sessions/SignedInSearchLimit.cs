using DeepWorkMap.Server.Http;
using Microsoft.Extensions.Options;
using DeepWorkMap.Server.Identity;

namespace DeepWorkMap.Server.Sessions;

/// <summary>
/// <c>Sessions:SearchesPerUserPerMinute</c>: nearby, in-view and in-area searches per signed-in user, on this front door
/// (searches without a token have their own cap per address). Over it: 429 <c>rate_limited</c>.
/// </summary>
public sealed class SignedInSearchLimit(IOptions<SessionLimits> limits) : IEndpointFilter, IDisposable
{
    private readonly KeyedRateLimit<Guid> _perUser = new(limits.Value.SearchesPerUserPerMinute, TimeSpan.FromMinutes(1));

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        if (CurrentUser.IdOf(context.HttpContext.User) is { } userId && !_perUser.TryTake(userId))
            return Refusal.RateLimited($"Too many searches: at most {limits.Value.SearchesPerUserPerMinute} a minute; wait a moment.").ToProblem();
        return await next(context);
    }

    public void Dispose() => _perUser.Dispose();
}
