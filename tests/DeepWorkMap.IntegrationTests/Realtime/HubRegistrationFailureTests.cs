using DeepWorkMap.Contracts.Accounts;
using DeepWorkMap.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace DeepWorkMap.IntegrationTests.Realtime;

/// <summary>A server whose cluster, on demand, does not answer a front door's registration with an account (as when a silo times out).</summary>
public sealed class UnansweredRegistrationFixture : IAsyncLifetime
{
    public UnansweredWatch Watches { get; } = new();

    public RunningServer Server { get; private set; } = null!;

    public async Task InitializeAsync() =>
        Server = await RunningServer.StartAsync(customize: builder => builder.Services.AddSingleton<IOutgoingGrainCallFilter>(Watches));

    public async Task DisposeAsync() => await Server.DisposeAsync();

    /// <summary>Fails the next registrations with the timeout a grain call gets when no answer comes, without reaching the grain.</summary>
    public sealed class UnansweredWatch : IOutgoingGrainCallFilter
    {
        private int _toFail;
        private int _failed;

        public void FailNext(int count) => Volatile.Write(ref _toFail, count);

        /// <summary>How many registrations it has failed so far.</summary>
        public int Failed => Volatile.Read(ref _failed);

        public Task Invoke(IOutgoingGrainCallContext context)
        {
            if (context.InterfaceMethod?.Name == nameof(IAccountGrain.Watch) && Interlocked.Decrement(ref _toFail) >= 0)
            {
                Interlocked.Increment(ref _failed);
                throw new TimeoutException("Response did not arrive on time (a test's unanswered registration).");
            }
            return context.Invoke();
        }
    }
}

/// <summary>
/// A hub connection registers with its user's account right after SignalR has opened it. When the cluster does not
/// answer then (a silo handing its grains over during a rolling restart, a timeout), the connection is closed with the
/// reconnect hint: a client with automatic reconnect comes back by itself instead of being told to give up.
/// </summary>
public sealed class HubRegistrationFailureTests(UnansweredRegistrationFixture fixture) : IClassFixture<UnansweredRegistrationFixture>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_connection_the_cluster_could_not_register_is_closed_with_the_reconnect_hint_and_comes_back_ready()
    {
        var (_, auth) = await fixture.Server.SignUpAsync();
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(fixture.Server.BaseAddress, "/hubs/deepwork"), options => options.AccessTokenProvider = () => Task.FromResult<string?>(auth.Token))
            .WithAutomaticReconnect([TimeSpan.Zero, TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(1)])
            .Build();
        var reconnecting = 0;
        var closedFor = new TaskCompletionSource<Exception?>(TaskCreationOptions.RunContinuationsAsynchronously);
        var reconnected = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        connection.Reconnecting += _ => { Interlocked.Increment(ref reconnecting); return Task.CompletedTask; };
        connection.Reconnected += _ => { reconnected.TrySetResult(); return Task.CompletedTask; };
        connection.Closed += error => { closedFor.TrySetResult(error); return Task.CompletedTask; };
        await using var _ = connection;

        fixture.Watches.FailNext(1);
        await connection.StartAsync();
        var first = await Task.WhenAny(reconnected.Task, closedFor.Task).WaitAsync(Patience);
        if (first == closedFor.Task) Assert.Fail($"the client was told to give up: {(await closedFor.Task)?.Message}");
        Assert.Equal(1, Volatile.Read(ref reconnecting));
        Assert.Equal(1, fixture.Watches.Failed);

        // Back, and registered: Ready answers (it says unavailable only while the registration is still under way).
        await Eventually.HoldsAsync(async () =>
        {
            try
            {
                await connection.InvokeAsync("Ready");
                return true;
            }
            catch (HubException e) when (e.Message.StartsWith("unavailable:", StringComparison.Ordinal))
            {
                return false;
            }
        }, Patience, "the connection ready");
        Assert.Equal(HubConnectionState.Connected, connection.State);
        Assert.False(closedFor.Task.IsCompleted);
    }
}
