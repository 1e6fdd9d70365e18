using DeepWorkMap.Contracts.Accounts;
using DeepWorkMap.Contracts.Chat;
using DeepWorkMap.Contracts.Sessions;
using DeepWorkMap.Server.Hosting;

namespace DeepWorkMap.UnitTests.Hosting;

/// <summary>Which failed grain calls a front door sends again while a silo hands its grains over, and which it must not.</summary>
public sealed class HandOverRetryTests
{
    private static readonly System.Reflection.MethodInfo Join = typeof(IStudySessionGrain).GetMethod(nameof(IStudySessionGrain.Join))!;
    private static readonly System.Reflection.MethodInfo Send = typeof(IStudySessionGrain).GetMethod(nameof(IStudySessionGrain.Send))!;
    private static readonly System.Reflection.MethodInfo Leave = typeof(IStudySessionGrain).GetMethod(nameof(IStudySessionGrain.Leave))!;
    private static readonly System.Reflection.MethodInfo TakeChatTokens = typeof(IAccountGrain).GetMethod(nameof(IAccountGrain.TakeChatTokens))!;

    [Fact]
    public void A_call_the_stopping_silo_refused_never_ran_so_any_call_goes_again()
    {
        // Only Orleans makes these (its constructors are internal): the exception as the runtime would throw it.
        var refused = (OrleansMessageRejectionException)System.Runtime.CompilerServices.RuntimeHelpers.GetUninitializedObject(typeof(OrleansMessageRejectionException));
        Assert.True(HandOverRetry.MaySendAgain(refused, Leave));
        Assert.True(HandOverRetry.MaySendAgain(refused, TakeChatTokens));
    }

    [Fact]
    public void A_call_whose_silo_went_away_unanswered_goes_again_only_if_twice_is_the_same_as_once()
    {
        var gone = new SiloUnavailableException("The target silo became unavailable for message");
        Assert.True(HandOverRetry.MaySendAgain(gone, Join));
        Assert.True(HandOverRetry.MaySendAgain(gone, Send));
        // The chat budget lives in the account's activation: what the lost call took went away with its silo.
        Assert.True(HandOverRetry.MaySendAgain(gone, TakeChatTokens));
        // Leaving twice answers not_participant the second time.
        Assert.False(HandOverRetry.MaySendAgain(gone, Leave));
    }

    [Fact]
    public void A_call_its_grain_answered_with_an_error_is_not_sent_again_nor_is_anything_else()
    {
        // The grain ran it (and, on this silo, disposed the request): the client is told 503 and sends again itself.
        Assert.False(HandOverRetry.MaySendAgain(new ChatNotStoredException("not stored"), Send));
        Assert.False(HandOverRetry.MaySendAgain(new TimeoutException(), Join));
        Assert.False(HandOverRetry.MaySendAgain(new InvalidOperationException(), Join));
        Assert.False(HandOverRetry.MaySendAgain(new SiloUnavailableException(), null));
    }

    [Fact]
    public void The_waits_add_up_to_a_few_seconds_and_grow()
    {
        var total = HandOverRetry.Waits.Aggregate(TimeSpan.Zero, (sum, wait) => sum + wait);
        Assert.InRange(total, TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(10));
        Assert.Equal(HandOverRetry.Waits.Order(), HandOverRetry.Waits);
    }
}
