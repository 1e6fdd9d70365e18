using System.Net.Http.Json;
using System.Text.Json;
using DeepWorkMap.Contracts.Accounts;
using DeepWorkMap.Contracts.Api;
using DeepWorkMap.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.SignalR.Client;

namespace DeepWorkMap.IntegrationTests.Realtime;

/// <summary>
/// A cluster-mode server whose account grains take their time to register a front door, as under load: the window
/// between SignalR telling a client it is connected and the connection hearing its user's events is wide open.
/// </summary>
public sealed class SlowRegistrationFixture : IAsyncLifetime
{
    public static readonly TimeSpan Delay = TimeSpan.FromSeconds(1);

    public TestDatabase Database { get; private set; } = null!;
    public RunningServer Server { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Database = await TestDatabase.CreateAsync();
        Server = await RunningServer.StartAsync(RunningServer.Durable(Database),
            builder => builder.Services.AddSingleton<IOutgoingGrainCallFilter, SlowWatch>());
    }

    public async Task DisposeAsync()
    {
        await Server.DisposeAsync();
        await Database.DisposeAsync();
    }

    /// <summary>Holds the front door's registration back before it reaches the account grain (which meanwhile serves other calls).</summary>
    private sealed class SlowWatch : IOutgoingGrainCallFilter
    {
        public async Task Invoke(IOutgoingGrainCallContext context)
        {
            if (context.InterfaceMethod?.Name == nameof(IAccountGrain.Watch)) await Task.Delay(Delay);
            await context.Invoke();
        }
    }
}

/// <summary>
/// A connection registers with its user's account after SignalR has told the client it is connected. Once <c>Ready()</c>
/// answers, the connection hears the user's own events: nothing sent after it is missed, however slow the registration.
/// </summary>
public sealed class HubReadinessTests(SlowRegistrationFixture fixture) : IClassFixture<SlowRegistrationFixture>
{
    private const int Users = 20;
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private readonly RunningServer _server = fixture.Server;

    [Fact]
    public async Task Twenty_users_who_connect_at_once_and_are_told_something_as_soon_as_the_hub_says_ready_all_hear_it_live()
    {
        var (host, _) = await _server.SignUpAsync();
        // One session each, so that nothing is queued behind another user's change.
        var guests = await Task.WhenAll(Enumerable.Range(0, Users).Select(async _ =>
        {
            var session = await RunningServer.CreateSessionAsync(host);
            var (client, auth) = await _server.SignUpAsync();
            (await client.PostAsync($"/api/sessions/{session.Id}/join", null)).EnsureSuccessStatusCode();
            return (Client: client, Auth: auth, SessionId: session.Id);
        }));

        // Each connects and, the moment the hub says it is ready, the host removes them: a notification meant for them alone.
        var listeners = await Task.WhenAll(guests.Select(async guest =>
        {
            var listener = await HubListener.ConnectAsync(_server, guest.Auth.Token);
            await listener.Connection.InvokeAsync("Ready");
            (await host.PostAsync($"/api/sessions/{guest.SessionId}/participants/{guest.Auth.User.Id}/remove", null)).EnsureSuccessStatusCode();
            return listener;
        }));
        try
        {
            // Every notice is stored (so it was sent); each connection must have heard its own live.
            await Eventually.HoldsAsync(async () => (await Task.WhenAll(guests.Select(async g =>
                (await g.Client.GetFromJsonAsync<NotificationPage>("/api/me/notifications"))!.Items.Any(n => n.Kind == "removed_from_session")))).All(stored => stored),
                Patience, "every notice stored");
            int Heard() => listeners.Count(l => l.Events(HubEvents.Notification)
                .Any(e => e.Deserialize<NotificationDto>(HubListener.Json)!.Kind == "removed_from_session"));
            // A live push comes within milliseconds of its notice being stored, or never.
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
            while (Heard() < Users && DateTime.UtcNow < deadline) await Task.Delay(100);
            Assert.Equal(Users, Heard());
        }
        finally
        {
            foreach (var listener in listeners) await listener.DisposeAsync();
        }
    }
}
