using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using DeepWorkMap.Contracts.Api;
using DeepWorkMap.Contracts.Chat;
using DeepWorkMap.Server.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace DeepWorkMap.Benchmarks;

/// <summary>
/// The chat baseline: a plain SignalR hub that broadcasts to groups in this process. No grains, no
/// database, nothing durable: the least a chat server can do. It sends the same Message shape as the
/// real hub (id, seq, user, content, createdAt), so both put the same bytes on the wire.
/// </summary>
public sealed class PlainChatHub(PlainChatHub.Counters counters) : Hub
{
    private static readonly UserDto Sender = new(Guid.NewGuid(), "baseline", "Baseline sender", null);

    public Task Join(string group) => Groups.AddToGroupAsync(Context.ConnectionId, group);

    public async Task<MessageDto> Send(string group, string content)
    {
        var message = new MessageDto(Guid.NewGuid(), Guid.Empty, counters.Next(group), Sender, content, DateTimeOffset.UtcNow);
        await Clients.Group(group).SendAsync("messageReceived", message);
        return message;
    }

    /// <summary>A seq per group, as the real hub has per session.</summary>
    public sealed class Counters
    {
        private readonly ConcurrentDictionary<string, StrongBox<long>> _seq = new();

        public long Next(string group) => Interlocked.Increment(ref _seq.GetOrAdd(group, _ => new StrongBox<long>()).Value);
    }
}

public sealed class PlainChatServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private PlainChatServer(WebApplication app, Uri baseAddress)
    {
        _app = app;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public static async Task<PlainChatServer> StartAsync()
    {
        var builder = WebApplication.CreateBuilder(["--urls", "http://127.0.0.1:0"]);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddSingleton<PlainChatHub.Counters>();
        builder.Services.AddSignalR().AddJsonProtocol(options => options.PayloadSerializerOptions.Converters.Add(new UtcTimestampConverter()));
        var app = builder.Build();
        app.MapHub<PlainChatHub>("/hubs/plain");
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new PlainChatServer(app, new Uri(address));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
