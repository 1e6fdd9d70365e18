using System.Collections.Concurrent;
using System.Reflection;
using DeepWorkMap.Contracts;

namespace DeepWorkMap.Server.Hosting;

/// <summary>
/// Sends a grain call again when the silo it went to was stopping (a rolling restart, a scale-in), instead of answering
/// the user 503: by the time the call is sent again the grain is on its way to another silo (its state is stored), and
/// the call finds it there. Without this, about 0.3% of writes failed during a rolling restart under load.
/// <list type="bullet">
/// <item>A call the stopping silo refused (<see cref="OrleansMessageRejectionException"/>) never reached its grain: any
/// call may be sent again.</item>
/// <item>A call whose silo went away before answering (<see cref="SiloUnavailableException"/>) may have been done: only a
/// <see cref="RetrySafeAttribute"/> method, for which twice is the same as once, is sent again.</item>
/// </list>
/// A call its grain answered, even with an error, is never sent again from here: a grain on this silo has by then
/// disposed the request object (Orleans clears its arguments), so the same request cannot go twice. Such errors (a
/// chat message whose write failed, <c>ChatNotStoredException</c>) reach the client as 503, and the client sends again.
/// The waits add up to a few seconds, about how long a stopping silo takes to hand its grains over; then the error
/// goes to the caller as before (503 <c>unavailable</c>). Nothing else is retried: an overloaded or broken cluster must
/// not be asked twice.
/// </summary>
public sealed partial class HandOverRetry(ILogger<HandOverRetry> logger) : IOutgoingGrainCallFilter
{
    /// <summary>The waits before each new attempt: 5.35 s in all.</summary>
    public static readonly IReadOnlyList<TimeSpan> Waits =
        [.. new[] { 100, 250, 500, 1000, 1500, 2000 }.Select(ms => TimeSpan.FromMilliseconds(ms))];

    private static readonly ConcurrentDictionary<MethodInfo, bool> SafeMethods = new();

    public async Task Invoke(IOutgoingGrainCallContext context)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                await context.Invoke();
                return;
            }
            catch (Exception e) when (attempt < Waits.Count && MaySendAgain(e, context.InterfaceMethod))
            {
                LogSendingAgain(logger, context.InterfaceName, context.MethodName, attempt + 1, e.GetType().Name);
                await Task.Delay(Waits[attempt]);
            }
        }
    }

    /// <summary>Whether a call that failed with <paramref name="error"/> may be sent again.</summary>
    public static bool MaySendAgain(Exception error, MethodInfo? method) => error switch
    {
        // First: a SiloUnavailableException is also an OrleansMessageRejectionException.
        SiloUnavailableException => method is not null && IsRetrySafe(method),
        OrleansMessageRejectionException => true,
        _ => false,
    };

    private static bool IsRetrySafe(MethodInfo method) =>
        SafeMethods.GetOrAdd(method, m => m.GetCustomAttribute<RetrySafeAttribute>() is not null);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Interface}.{Method} sent again (attempt {Attempt}) after {Error}: its silo is handing its grains over")]
    private static partial void LogSendingAgain(ILogger logger, string @interface, string method, int attempt, string error);
}
