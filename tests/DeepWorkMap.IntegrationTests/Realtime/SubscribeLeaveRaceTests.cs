using System.Net;
using DeepWorkMap.Contracts.Api;
using DeepWorkMap.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace DeepWorkMap.IntegrationTests.Realtime;

/// <summary>
/// A participant subscribes to the session's feed on one connection and leaves on another, and the leave's push reaches
/// the front door while the subscription's answer is still on its way. The subscription must not join after the leave:
/// it would hear the chat and the venue unseen, in no participant list, where the host could not remove it. The race is
/// made certain by holding the session's answer until the leave has been heard.
/// </summary>
public sealed class SubscribeLeaveRaceTests : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);
    private readonly HeldSubscription _held = new();
    private RunningServer _server = null!;

    /// <summary>Holds the session's answer to the next subscription of <see cref="UserId"/> until released.</summary>
    private sealed class HeldSubscription : IOutgoingGrainCallFilter
    {
        public Guid? UserId { get; set; }
        public TaskCompletionSource Answered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public async Task Invoke(IOutgoingGrainCallContext context)
        {
            // Read before the call: a grain on this silo clears the request's arguments once it has answered.
            var held = context.MethodName == "Subscribe" && UserId is { } armed && context.Request.GetArgument(0) is Guid user && user == armed;
            await context.Invoke();
            if (!held) return;
            UserId = null;
            Answered.TrySetResult();
            await Release.Task;
        }
    }

    public async Task InitializeAsync() =>
        _server = await RunningServer.StartAsync(customize: builder => builder.Services.AddSingleton<IOutgoingGrainCallFilter>(_held));

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task A_subscription_answered_before_a_leave_heard_first_does_not_join_and_hears_nothing_after_it()
    {
        var (host, hostAuth) = await _server.SignUpAsync();
        var (ada, adaAuth) = await _server.SignUpAsync();
        var session = await RunningServer.CreateSessionAsync(host);
        (await ada.PostAsync($"/api/sessions/{session.Id}/join", null)).EnsureSuccessStatusCode();
        await using var hostLive = await HubListener.ConnectAsync(_server, hostAuth.Token);
        await hostLive.Connection.InvokeAsync<SubscribeResult>("SubscribeSession", session.Id.ToString());
        await using var adaLive = await HubListener.ConnectAsync(_server, adaAuth.Token);

        _held.UserId = adaAuth.User.Id;
        var subscribing = adaLive.Connection.InvokeAsync<SubscribeResult>("SubscribeSession", session.Id.ToString());
        await _held.Answered.Task.WaitAsync(Patience);
        Assert.Equal(HttpStatusCode.OK, (await ada.PostAsync($"/api/sessions/{session.Id}/leave", null)).StatusCode);
        await Eventually.HoldsAsync(() => Task.FromResult(hostLive.Events(HubEvents.ParticipantLeft).Count > 0), Patience, "the leave heard at this front door");
        _held.Release.TrySetResult();

        // Asked again after the leave, the session says she no longer takes part.
        var refused = await Assert.ThrowsAsync<HubException>(() => subscribing.WaitAsync(Patience));
        Assert.Contains("not_participant", refused.Message, StringComparison.Ordinal);
        var said = await hostLive.Connection.InvokeAsync<MessageDto>("SendMessage", session.Id.ToString(), "after she left");
        await Eventually.HoldsAsync(() => Task.FromResult(hostLive.Messages.Any(m => m.Id == said.Id)), Patience, "the host's own message");
        await Task.Delay(500);
        Assert.Empty(adaLive.Messages);
    }
}
