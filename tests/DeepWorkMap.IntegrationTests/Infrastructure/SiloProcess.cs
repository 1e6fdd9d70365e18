using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using DeepWorkMap.Contracts.Api;
using Microsoft.AspNetCore.SignalR.Client;

namespace DeepWorkMap.IntegrationTests.Infrastructure;

/// <summary>
/// One silo with its front door as a separate OS process (the built server, run with dotnet), as ops run
/// them: it can be killed with SIGKILL and started again. Its output goes to artifacts/silos/.
/// </summary>
public sealed class SiloProcess : IAsyncDisposable
{
    private readonly Dictionary<string, string> _environment;
    private readonly string _logPath;
    private readonly ConcurrentQueue<string> _output = new();
    private Process? _process;

    private SiloProcess(string name, int httpPort, Dictionary<string, string> environment)
    {
        Name = name;
        BaseAddress = new Uri($"http://127.0.0.1:{httpPort}/");
        _environment = environment;
        var logs = Path.Combine(RepositoryRoot.Path, "artifacts", "silos");
        Directory.CreateDirectory(logs);
        _logPath = Path.Combine(logs, $"{name}.log");
    }

    public string Name { get; }

    public Uri BaseAddress { get; }

    public bool IsRunning => _process is { HasExited: false };

    public int SiloPort => int.Parse(_environment["Orleans__SiloPort"], System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The server assembly built beside this test project (same configuration).</summary>
    public static string ServerAssembly
    {
        get
        {
            var configuration = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name; // bin/<Configuration>/net10.0
            return Path.Combine(RepositoryRoot.Path, "src", "DeepWorkMap.Server", "bin", configuration, "net10.0", "DeepWorkMap.Server.dll");
        }
    }

    /// <summary>
    /// A process of the cluster <paramref name="clusterId"/>: front door and silo, or one of the two (<paramref name="role"/>
    /// <c>silo</c> or <c>frontdoor</c>); with <paramref name="quiet"/> false it logs as its own appsettings.json says, and
    /// <paramref name="environment"/> adds to (or overrides) its variables.
    /// </summary>
    public static SiloProcess Create(string name, TestDatabase database, string clusterId, bool quiet = true, string role = "all",
        IReadOnlyDictionary<string, string>? environment = null)
    {
        var httpPort = FreePort.Next();
        var variables = new Dictionary<string, string>
        {
            ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{httpPort}",
            ["ConnectionStrings__Postgres"] = database.ConnectionString,
            ["ConnectionStrings__Redis"] = TestEnvironment.Redis,
            ["Jwt__SigningKey"] = TestEnvironment.JwtKey,
            ["Web__PublicBaseUrl"] = $"http://127.0.0.1:{httpPort}",
            ["Orleans__ClusterId"] = clusterId,
            ["Orleans__SiloPort"] = FreePort.Next().ToString(),
            ["Orleans__GatewayPort"] = FreePort.Next().ToString(),
            ["Orleans__AdvertisedIP"] = "127.0.0.1",
            // The caps are off, as for the in-process servers; the chaos load is one host creating many sessions.
            ["Sessions__ActiveSessionsPerHost"] = "0",
            ["Sessions__ActiveSeriesPerHost"] = "0",
            ["Sessions__SessionsCreatedPerHostPerHour"] = "0",
            ["Accounts__SignupsPerAddressPerHour"] = "0",
            ["Sessions__AnonymousSearchesPerAddressPerMinute"] = "0",
            ["Realtime__HubConnectionsPerUser"] = "0",
            ["Sessions__SearchesPerUserPerMinute"] = "0",
            ["Realtime__MapWatchesPerConnectionPerMinute"] = "0",
            ["Email__RequireVerification"] = "false",
            ["Role"] = role,
        };
        if (quiet)
        {
            variables["Logging__LogLevel__Default"] = "Warning";
            variables["Logging__LogLevel__Orleans"] = "Warning";
        }
        foreach (var (key, value) in environment ?? new Dictionary<string, string>()) variables[key] = value;
        return new SiloProcess(name, httpPort, variables);
    }

    /// <summary>
    /// A server in embedded mode (no connection strings), logging as its appsettings.json says; its silo on the given
    /// ports, or free ones.
    /// </summary>
    public static SiloProcess Embedded(string name, int? siloPort = null, int? gatewayPort = null)
    {
        var httpPort = FreePort.Next();
        return new SiloProcess(name, httpPort, new Dictionary<string, string>
        {
            ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{httpPort}",
            ["Orleans__SiloPort"] = (siloPort ?? FreePort.Next()).ToString(),
            ["Orleans__GatewayPort"] = (gatewayPort ?? FreePort.Next()).ToString(),
        });
    }

    /// <summary>Sets one more setting (as an environment variable, <c>Section__Key</c>) for the next start.</summary>
    public SiloProcess With(string variable, string value)
    {
        _environment[variable] = value;
        return this;
    }

    /// <summary>Gives the process an operations listener (metrics, dashboard) on a free port.</summary>
    public SiloProcess WithOperations() => With("Operations__Url", $"http://127.0.0.1:{FreePort.Next()}");

    /// <summary>The operations listener, when <see cref="WithOperations"/> gave it one.</summary>
    public Uri OperationsAddress => new(_environment["Operations__Url"]);

    /// <summary>What this process's /metrics says now, in Prometheus' text format.</summary>
    public async Task<string> MetricsAsync()
    {
        using var client = new HttpClient { BaseAddress = OperationsAddress, Timeout = TimeSpan.FromSeconds(30) };
        return await client.GetStringAsync("/metrics");
    }

    public int GatewayPort => int.Parse(_environment["Orleans__GatewayPort"], System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>What the process wrote since its last start, standard output and error together, line by line.</summary>
    public IReadOnlyList<string> Output => [.. _output];

    /// <summary>The exit code once the process has exited.</summary>
    public int? ExitCode => _process is { HasExited: true } process ? process.ExitCode : null;

    /// <summary>Waits for the process to exit on its own; answers whether it did within the time.</summary>
    public async Task<bool> WaitForExitAsync(TimeSpan within)
    {
        if (_process is null) return true;
        using var timeout = new CancellationTokenSource(within);
        try
        {
            await _process.WaitForExitAsync(timeout.Token);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>Everything the process wrote so far (this test run's and earlier runs' under the same name).</summary>
    public string Log()
    {
        using var stream = new FileStream(_logPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        return new StreamReader(stream).ReadToEnd();
    }

    public void Start()
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = RepositoryRoot.Path };
        start.ArgumentList.Add(ServerAssembly);
        foreach (var (key, value) in _environment) start.Environment[key] = value;
        var process = Process.Start(start)!;
        var log = new StreamWriter(_logPath, append: true) { AutoFlush = true };
        log.WriteLine($"---- started {DateTimeOffset.UtcNow:O} pid {process.Id}");
        _output.Clear();
        void Record(string? line)
        {
            if (line is null) return;
            _output.Enqueue(line);
            lock (log) log.WriteLine(line);
        }
        process.OutputDataReceived += (_, line) => Record(line.Data);
        process.ErrorDataReceived += (_, line) => Record(line.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;
    }

    public async Task WaitReadyAsync(TimeSpan within)
    {
        using var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        await Eventually.HoldsAsync(async () =>
        {
            Assert.True(IsRunning, $"{Name} exited; see {_logPath}");
            try
            {
                return (await client.GetAsync("/health/ready")).StatusCode == HttpStatusCode.OK;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                return false;
            }
        }, within, $"{Name} ready");
    }

    /// <summary>kill -9: no goodbye, no flushing, no deactivation.</summary>
    public void Kill()
    {
        _process?.Kill(entireProcessTree: true);
        _process?.WaitForExit();
    }

    /// <summary>SIGTERM, as an orchestrator stops a container; answers whether it exited within the time.</summary>
    public async Task<bool> TerminateAsync(TimeSpan within)
    {
        if (_process is not { HasExited: false } process) return true;
        using (var kill = Process.Start("kill", ["-TERM", process.Id.ToString()])) await kill.WaitForExitAsync();
        return await WaitForExitAsync(within);
    }

    public HttpClient CreateClient(string? token = null)
    {
        var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        if (token is not null) client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>A hub connection to this process, not yet started.</summary>
    public HubConnection BuildHubConnection(string token) => new HubConnectionBuilder()
        .WithUrl(new Uri(BaseAddress, "/hubs/deepwork"), options => options.AccessTokenProvider = () => Task.FromResult<string?>(token))
        .Build();

    /// <summary>Registers a user through this process's API.</summary>
    public async Task<AuthResult> SignUpAsync(string username)
    {
        using var client = CreateClient();
        var response = await client.PostAsJsonAsync("/api/auth/register",
            new { email = $"{username}@example.com", username, displayName = username, password = "correct horse battery" });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<AuthResult>())!;
    }

    public ValueTask DisposeAsync()
    {
        if (IsRunning) Kill();
        _process?.Dispose();
        return ValueTask.CompletedTask;
    }
}
