using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using DeepWorkMap.Contracts.Api;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace DeepWorkMap.IntegrationTests.Infrastructure;

/// <summary>
/// A hub client as docs/api.md asks clients to be: through the load balancer, with automatic reconnect; after a
/// reconnect it subscribes again and fills any gap in seq from the chat history. It remembers every message it
/// saw, by session and seq, so a test can ask whether it has all of them.
/// </summary>
public sealed class ReconnectingHubClient : IAsyncDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private readonly Uri _address;
    private readonly string _token;
    private readonly CookieContainer _cookies = new();
    private readonly ConcurrentDictionary<Guid, ConcurrentDictionary<long, Guid>> _seen = new();
    private int _reconnecting;
    private int _reconnected;
    private int _closed;

    private ReconnectingHubClient(Uri address, string token)
    {
        _address = address;
        _token = token;
        Connection = new HubConnectionBuilder()
            .WithUrl(new Uri(address, "/hubs/deepwork"), options =>
            {
                options.AccessTokenProvider = () => Task.FromResult<string?>(token);
                options.Cookies = _cookies;
            })
            .WithAutomaticReconnect(new KeepTrying())
            .Build();
        Connection.On<MessageDto>(HubEvents.MessageReceived, Remember);
        Connection.Reconnecting += _ => { Interlocked.Increment(ref _reconnecting); return Task.CompletedTask; };
        Connection.Reconnected += async _ =>
        {
            foreach (var session in _seen.Keys) await SubscribeAsync(session);
            Interlocked.Increment(ref _reconnected);
        };
        // Closed for good: by a server without the reconnect hint (a release before it), or reconnecting gave up. A
        // careful client starts over; the count tells a test whether it had to.
        Connection.Closed += async _ =>
        {
            Interlocked.Increment(ref _closed);
            if (_disposed) return;
            await StartAsync();
            foreach (var session in _seen.Keys) await SubscribeAsync(session);
        };
    }

    private volatile bool _disposed;

    public HubConnection Connection { get; }

    /// <summary>Times the connection was lost and it tried again (a close with the reconnect hint counts).</summary>
    public int Reconnecting => Volatile.Read(ref _reconnecting);

    /// <summary>Times it was back, subscribed again and caught up.</summary>
    public int Reconnected => Volatile.Read(ref _reconnected);

    /// <summary>Times it was closed for good (a close without the reconnect hint, or reconnecting gave up) and started over.</summary>
    public int Closed => Volatile.Read(ref _closed);

    /// <summary>The door the balancer keeps this client on (its cookie's value), or null before the first connect.</summary>
    public string? Door => _cookies.GetCookies(_address)[Balancer.DoorCookie]?.Value;

    public static async Task<ReconnectingHubClient> ConnectAsync(Uri address, string token)
    {
        var client = new ReconnectingHubClient(address, token);
        await client.StartAsync();
        return client;
    }

    private Task StartAsync() => Eventually.HoldsAsync(async () =>
    {
        try
        {
            await Connection.StartAsync();
            return true;
        }
        catch (Exception e) when (e is HttpRequestException or System.Net.WebSockets.WebSocketException or IOException)
        {
            return false;
        }
    }, Patience, "the hub connected");

    /// <summary>Subscribes (again) to the session and fills every gap in seq below the newest message it knows.</summary>
    public async Task SubscribeAsync(Guid sessionId)
    {
        var seen = _seen.GetOrAdd(sessionId, _ => new ConcurrentDictionary<long, Guid>());
        SubscribeResult? feed = null;
        await Eventually.HoldsAsync(async () =>
        {
            try
            {
                feed = await Connection.InvokeAsync<SubscribeResult>("SubscribeSession", sessionId.ToString());
                return true;
            }
            catch (HubException e) when (e.Message.StartsWith("unavailable:", StringComparison.Ordinal))
            {
                return false;
            }
            catch (Exception e) when (e is InvalidOperationException or TaskCanceledException or IOException)
            {
                return false; // the connection dropped while asking (its door stopping): ask again once it is back
            }
        }, Patience, $"subscribed to {sessionId}");
        foreach (var message in feed!.RecentMessages) Remember(message);
        await FillGapsAsync(sessionId, seen);
    }

    /// <summary>The seqs seen of a session, in order.</summary>
    public IReadOnlyList<long> Seqs(Guid sessionId) => _seen.TryGetValue(sessionId, out var seen) ? [.. seen.Keys.Order()] : [];

    /// <summary>Whether it holds exactly the messages 1…<paramref name="last"/> of the session, with the ids the server gave them.</summary>
    public bool HasAll(Guid sessionId, IReadOnlyDictionary<long, Guid> acknowledged, long last) =>
        _seen.TryGetValue(sessionId, out var seen)
        && Enumerable.Range(1, (int)last).All(seq => seen.ContainsKey(seq))
        && acknowledged.All(a => seen.TryGetValue(a.Key, out var id) && id == a.Value);

    /// <summary>What <see cref="HasAll"/> finds wanting, for a failure message: the seqs missing, those held with another id, and how the connection fared.</summary>
    public string Describe(Guid sessionId, IReadOnlyDictionary<long, Guid> acknowledged, long last)
    {
        var seen = _seen.GetValueOrDefault(sessionId) ?? new ConcurrentDictionary<long, Guid>();
        var missing = Enumerable.Range(1, (int)last).Where(seq => !seen.ContainsKey(seq)).ToList();
        var other = acknowledged.Where(a => seen.TryGetValue(a.Key, out var id) && id != a.Value).Select(a => a.Key).Order().ToList();
        return $"door {Door ?? "none"}, {Reconnecting} reconnecting, {Reconnected} reconnected, {Closed} closed; holds {seen.Count} up to " +
            $"{seen.Keys.DefaultIfEmpty(0).Max()}, lacks [{string.Join(",", missing.Take(40))}{(missing.Count > 40 ? ",…" : "")}] " +
            $"of 1…{last}, another id at [{string.Join(",", other.Take(20))}]";
    }

    private void Remember(MessageDto message) =>
        _seen.GetOrAdd(message.SessionId, _ => new ConcurrentDictionary<long, Guid>())[message.Seq] = message.Id;

    private async Task FillGapsAsync(Guid sessionId, ConcurrentDictionary<long, Guid> seen)
    {
        using var http = new HttpClient { BaseAddress = _address, Timeout = TimeSpan.FromSeconds(30) };
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", _token);
        var newest = seen.Keys.DefaultIfEmpty(0).Max();
        var before = newest + 1;
        while (Enumerable.Range(1, (int)newest).Any(seq => !seen.ContainsKey(seq)))
        {
            ItemsDto<MessageDto>? page = null;
            await Eventually.HoldsAsync(async () =>
            {
                try
                {
                    page = await http.GetFromJsonAsync<ItemsDto<MessageDto>>($"/api/sessions/{sessionId}/messages?before={before}&limit=100");
                    return true;
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
                {
                    return false; // the cluster did not answer (503), or not in time: as docs/api.md says, ask again
                }
            }, Patience, "the chat history");
            if (page!.Items.Count == 0) return;
            foreach (var message in page.Items) Remember(message);
            before = page.Items.Min(m => m.Seq);
        }
    }

    public ValueTask DisposeAsync()
    {
        _disposed = true;
        return Connection.DisposeAsync();
    }

    /// <summary>
    /// At once, then every half second up to 2 s apart, for two minutes: a drained door's clients come back within a
    /// second or two, and one whose reconnects meet a cluster still settling (503) keeps trying rather than give up.
    /// </summary>
    private sealed class KeepTrying : IRetryPolicy
    {
        public TimeSpan? NextRetryDelay(RetryContext retryContext) =>
            retryContext.ElapsedTime > TimeSpan.FromMinutes(2) ? null
            : TimeSpan.FromMilliseconds(Math.Min(2000, 250 * retryContext.PreviousRetryCount));
    }
}
