using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Headers;

namespace DeepWorkMap.IntegrationTests.Infrastructure;

/// <summary>
/// HAProxy in front of front door processes, run with the repository's own deploy/haproxy/haproxy.cfg (the file
/// docker compose and scripts/cluster.sh run): health checks on /health/ready, retries, WebSocket pass-through.
/// </summary>
public sealed class Balancer : IAsyncDisposable
{
    /// <summary>The cookie by which the balancer keeps a hub client's negotiate and WebSocket on one door.</summary>
    public const string DoorCookie = "dwm_door";

    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();

    private Balancer(Process process, Uri baseAddress, int doors)
    {
        _process = process;
        BaseAddress = baseAddress;
        Doors = doors;
    }

    public Uri BaseAddress { get; }

    public int Doors { get; }

    /// <summary>HAProxy's log: a line per request, with the door that served it.</summary>
    public IReadOnlyList<string> Output => [.. _output];

    /// <summary>Starts HAProxy before the doors and waits until it sends requests to every one of them.</summary>
    public static async Task<Balancer> StartAsync(IReadOnlyList<SiloProcess> doors, TimeSpan checkInterval)
    {
        var port = FreePort.Next();
        var start = new ProcessStartInfo("haproxy") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = RepositoryRoot.Path };
        foreach (var argument in new[] { "-W", "-db", "-f", Path.Combine(RepositoryRoot.Path, "deploy", "haproxy", "haproxy.cfg") })
            start.ArgumentList.Add(argument);
        start.Environment["DWM_BALANCER_BIND"] = $"127.0.0.1:{port}";
        start.Environment["DWM_CHECK_INTERVAL"] = $"{checkInterval.TotalMilliseconds:F0}ms";
        for (var i = 0; i < doors.Count; i++) start.Environment[$"DWM_DOOR{i + 1}"] = doors[i].BaseAddress.Authority;
        var process = Process.Start(start) ?? throw new InvalidOperationException("haproxy did not start (./test.sh installs it)");
        var balancer = new Balancer(process, new Uri($"http://127.0.0.1:{port}/"), doors.Count);
        process.OutputDataReceived += (_, line) => { if (line.Data is not null) balancer._output.Enqueue(line.Data); };
        process.ErrorDataReceived += (_, line) => { if (line.Data is not null) balancer._output.Enqueue(line.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await balancer.WaitForEveryDoorAsync();
        return balancer;
    }

    /// <summary>Until answers name each door in their cookie: each has passed its health checks and is in rotation.</summary>
    public async Task WaitForEveryDoorAsync()
    {
        var seen = new HashSet<string>();
        using var client = new HttpClient(new HttpClientHandler { UseCookies = false }) { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        await Eventually.HoldsAsync(async () =>
        {
            Assert.False(_process.HasExited, "haproxy exited: " + string.Join('\n', _output));
            try
            {
                using var response = await client.GetAsync("/health/live");
                foreach (var cookie in response.Headers.TryGetValues("Set-Cookie", out var values) ? values : [])
                    if (cookie.StartsWith(DoorCookie + "=", StringComparison.Ordinal)) seen.Add(cookie.Split(';')[0]);
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                // Not up yet.
            }
            return seen.Count == Doors;
        }, TimeSpan.FromSeconds(60), $"the balancer sending requests to all {Doors} doors");
    }

    public HttpClient CreateClient(string? token = null)
    {
        var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        if (token is not null) client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }
}
