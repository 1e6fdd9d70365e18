using System.Diagnostics;
using System.Net.Http.Json;
using DeepWorkMap.Contracts.Api;

namespace DeepWorkMap.Benchmarks;

/// <summary>
/// Memory per active session, measured from outside: the server's process in embedded mode, its resident set before
/// and after loading sessions through <c>POST /api/sessions</c> (spread over the globe, starting within a week).
/// </summary>
public static class MemoryBenchmark
{
    /// <summary>The goal: 100,000 active sessions in at most 800 MiB of resident memory.</summary>
    private const double GoalMiB = 800;

    public static async Task RunAsync(int sessions)
    {
        await using var server = ServerProcess.Start(new Dictionary<string, string>
        {
            ["Limits__ActiveSessionsPerHost"] = "0", ["Limits__SessionsCreatedPerHostPerHour"] = "0", ["Limits__SignupsPerAddressPerHour"] = "0",
        });
        await server.WaitReadyAsync(TimeSpan.FromSeconds(60));
        using var http = new HttpClient { BaseAddress = server.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        var auth = (await (await http.PostAsJsonAsync("/api/auth/register", new
        {
            email = "memory@example.com", username = "memoryhost", displayName = "Memory", password = "correct horse battery",
        })).Content.ReadFromJsonAsync<AuthResult>())!;
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", auth.Token);
        await SettleAsync();
        var before = server.ResidentMiB();

        var random = new Random(8);
        var loading = Stopwatch.StartNew();
        var result = await LoadRunner.RunAsync(sessions, 16, async i =>
        {
            double lat, lng, hours;
            lock (random) (lat, lng, hours) = (Math.Asin(2 * random.NextDouble() - 1) * 180 / Math.PI, random.NextDouble() * 360 - 180, 1 + random.NextDouble() * 160);
            var response = await http.PostAsJsonAsync("/api/sessions", new
            {
                title = $"Session {i}", subject = "Memory", sessionType = "silent", latitude = lat, longitude = lng,
                startTime = DateTimeOffset.UtcNow.AddHours(hours), durationMinutes = 120,
            });
            response.EnsureSuccessStatusCode();
        });
        loading.Stop();
        await SettleAsync();
        var after = server.ResidentMiB();

        var report = new Report($"Memory: the server's resident set (embedded mode) before and after {sessions:N0} active sessions created through the API",
            "sessions", "RSS before MiB", "RSS after MiB", "KiB per session", $"projected at 100,000 vs the {GoalMiB:N0} MiB goal");
        var perSession = (after - before) * 1024 / (sessions - result.Failures);
        var projected = before + perSession * 100_000 / 1024;
        report.Row(sessions - result.Failures, before, after, perSession, $"{projected:N0} MiB ({projected / GoalMiB:F2}×)");
        report.Note($"Created in {loading.Elapsed.TotalSeconds:F0} s at concurrency 16 ({result.Failures} failed). Each session is a session grain " +
                    "(its state and activation), two map-tile entries (fine and coarse) and a catalog row, all in this process.");
        report.Publish("memory.md");
    }

    /// <summary>The collector runs on its own schedule; a pause lets the set settle before it is read.</summary>
    private static Task SettleAsync() => Task.Delay(TimeSpan.FromSeconds(15));
}
