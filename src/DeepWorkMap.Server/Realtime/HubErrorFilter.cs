using DeepWorkMap.Server.Http;
using Microsoft.AspNetCore.SignalR;

namespace DeepWorkMap.Server.Realtime;

/// <summary>
/// Turns an unexpected failure in a hub method (a grain that timed out, say) into a hub error with a
/// code, like every other refusal, and logs it; the client never sees internals.
/// </summary>
public sealed partial class HubErrorFilter(ILogger<HubErrorFilter> logger) : IHubFilter
{
    public async ValueTask<object?> InvokeMethodAsync(HubInvocationContext invocationContext, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        try
        {
            return await next(invocationContext);
        }
        catch (Exception e) when (e is not HubException and not OperationCanceledException)
        {
            LogHubMethodFailed(logger, invocationContext.HubMethodName, e);
            throw Refusal.Unavailable("The call could not be completed; try again.").ToHubException();
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Hub method {Method} failed")]
    private static partial void LogHubMethodFailed(ILogger logger, string method, Exception exception);
}
