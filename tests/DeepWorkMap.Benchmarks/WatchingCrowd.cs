using System.Diagnostics;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;

namespace DeepWorkMap.Benchmarks;

/// <summary>
/// Many live maps open on one city: hub connections that each watch a circle, and note when each first hears
/// <c>sessionChanged</c> for each of the numbered sessions created during the run (titled <c>crowd-{k}</c>).
/// </summary>
public sealed class WatchingCrowd : IAsyncDisposable
{
    public const string TitlePrefix = "crowd-";

    private readonly HubConnection?[] _connections;
    private readonly long[][] _firstHeardAt; // [session k][watcher i], a Stopwatch timestamp, 0 until heard
    private int _closed;

    private WatchingCrowd(int watchers, int sessions)
    {
        _connections = new HubConnection?[watchers];
        _firstHeardAt = Enumerable.Range(0, sessions).Select(_ => new long[watchers]).ToArray();
    }

    /// <summary>Watchers whose connection closed after it opened (none should).</summary>
    public int Closed => Volatile.Read(ref _closed);

    /// <summary>
    /// Opens one connection per centre (with the token <paramref name="tokenOf"/> gives its index, or none), then calls
    /// <paramref name="watchMethod"/>(latitude, longitude, radius) on it.
    /// </summary>
    public static async Task<WatchingCrowd> OpenAsync(Uri hubUrl, IReadOnlyList<(double Latitude, double Longitude)> centres, double radiusKm,
        string watchMethod, Func<int, string?> tokenOf, int sessions, int concurrency)
    {
        var crowd = new WatchingCrowd(centres.Count, sessions);
        var opened = await LoadRunner.RunAsync(centres.Count, concurrency, async i =>
        {
            var connection = BenchHubConnection.Build(hubUrl, tokenOf(i));
            connection.On<JsonElement>("sessionChanged", session => crowd.Heard(i, session));
            connection.Closed += _ =>
            {
                Interlocked.Increment(ref crowd._closed);
                return Task.CompletedTask;
            };
            await connection.StartAsync();
            await connection.InvokeAsync(watchMethod, centres[i].Latitude, centres[i].Longitude, radiusKm);
            crowd._connections[i] = connection;
        });
        if (opened.Failures > 0) throw new InvalidOperationException($"{opened.Failures} of {centres.Count} connections failed to open and watch");
        return crowd;
    }

    private void Heard(int watcher, JsonElement session)
    {
        var title = session.GetProperty("title").GetString();
        if (title is null || !title.StartsWith(TitlePrefix, StringComparison.Ordinal)) return;
        var k = int.Parse(title.AsSpan(TitlePrefix.Length));
        Interlocked.CompareExchange(ref _firstHeardAt[k][watcher], Stopwatch.GetTimestamp(), 0);
    }

    /// <summary>When watcher <paramref name="watcher"/> first heard session <paramref name="k"/>, or null.</summary>
    public long? FirstHeardAt(int k, int watcher) => Volatile.Read(ref _firstHeardAt[k][watcher]) is var at and > 0 ? at : null;

    public async ValueTask DisposeAsync()
    {
        await LoadRunner.RunAsync(_connections.Length, 64, async i =>
        {
            if (_connections[i] is { } connection) await connection.DisposeAsync();
        });
    }
}
