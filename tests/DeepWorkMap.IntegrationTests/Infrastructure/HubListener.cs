using System.Collections.Concurrent;
using System.Text.Json;
using DeepWorkMap.Contracts.Api;
using DeepWorkMap.Contracts.Chat;
using Microsoft.AspNetCore.SignalR.Client;

namespace DeepWorkMap.IntegrationTests.Infrastructure;

/// <summary>Records every event a hub connection receives, in arrival order, as docs/api.md names them.</summary>
public sealed class HubListener : IAsyncDisposable
{
    private readonly ConcurrentQueue<(string Name, JsonElement Payload)> _events = new();

    public HubListener(HubConnection connection)
    {
        Connection = connection;
        foreach (var name in HubEvents.All)
            connection.On<JsonElement>(name, payload => _events.Enqueue((name, payload)));
    }

    public HubConnection Connection { get; }

    public static async Task<HubListener> ConnectAsync(RunningServer server, string token) => new(await server.ConnectHubAsync(token));

    public IReadOnlyList<JsonElement> Events(string name) => _events.Where(e => e.Name == name).Select(e => e.Payload).ToList();

    public IReadOnlyList<MessageDto> Messages => Events(HubEvents.MessageReceived).Select(e => e.Deserialize<MessageDto>(Json)!).ToList();

    public IReadOnlyList<SessionDto> SessionChanges => Events(HubEvents.SessionChanged).Select(e => e.Deserialize<SessionDto>(Json)!).ToList();

    public IReadOnlyList<(string Name, JsonElement Payload)> All => [.. _events];

    public static JsonSerializerOptions Json { get; } = new(JsonSerializerDefaults.Web);

    public ValueTask DisposeAsync() => Connection.DisposeAsync();
}
