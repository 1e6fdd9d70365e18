using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using DeepWorkMap.Contracts.Api;
using DeepWorkMap.Server.Sessions;
using Npgsql;

namespace DeepWorkMap.Benchmarks;

/// <summary>
/// Nearby search over HTTP, measured from outside with C load generators in the same run: wrk (4 connections) against
/// the published server's <c>GET /api/sessions/nearby</c>, and pgbench (4 clients) against the same query in PostGIS
/// on the same sessions (their public positions). A fifth of the sessions are within 15 km of one city; every query is
/// a 5 km circle in it. wrk asks for 50 results in the full form, then in the map's (<c>fields=map</c>), then for one
/// result: the same search with almost no JSON, which tells how much of an answer's time is its size. Then the country
/// view: <c>GET /api/sessions/in-view</c> at zoom 6 (16° × 8° boxes around the city, answered as clusters) against
/// PostGIS's grid <c>GROUP BY</c> of the same boxes.
/// </summary>
public static partial class NearbyHttpBenchmark
{
    private static readonly (double Lat, double Lng) City = (52.52, 13.405);
    private const double QueryBoxLat = 0.108, QueryBoxLng = 0.177; // ±12 km around the centre
    private const string Duration = "15s";

    // The country view: 16° × 8° boxes (zoom 6) centred within ±5° of latitude and ±10° of longitude of the city.
    private const int CountryZoom = 6;
    private const double CountryHeight = 8, CountryWidth = 16, CountryShiftLat = 5, CountryShiftLng = 10;

    public static async Task RunAsync(string admin, int sessionCount)
    {
        await using var server = ServerProcess.Start(ServerProcess.WithoutCaps());
        await server.WaitReadyAsync(TimeSpan.FromSeconds(60));
        var rows = await LoadAsync(server, sessionCount);

        await using var db = await BenchDatabase.CreateAsync(admin, "bench_nearby_http");
        await db.ExecuteAsync(SearchBenchmark.Schema);
        await db.ExecuteAsync("""
            INSERT INTO sessions SELECT id, 'Session', 'Subject', 'silent', lat, lng, st, st + interval '2 hours', 10, 1,
                   ST_MakePoint(lng, lat)::geography, ST_SetSRID(ST_MakePoint(lng, lat), 4326)
            FROM unnest($1::uuid[], $2::float8[], $3::float8[], $4::timestamptz[]) AS t(id, lat, lng, st)
            """, rows.Select(r => r.Id).ToArray(), rows.Select(r => r.Latitude).ToArray(), rows.Select(r => r.Longitude).ToArray(),
            rows.Select(r => r.StartTime).ToArray());
        await db.ExecuteAsync(SearchBenchmark.Indexes);

        var work = Directory.CreateTempSubdirectory("deepwork-nearby-http");
        try
        {
            var loadBefore = LoadAverage();
            var pgbench = await PgbenchAsync(db, work.FullName);
            var full = await WrkAsync(server, work.FullName, "limit=50");
            var map = await WrkAsync(server, work.FullName, "limit=50&fields=map");
            var tiny = await WrkAsync(server, work.FullName, "limit=1");
            var countrySql = await PgbenchCountryAsync(db, work.FullName);
            var countryHttp = await WrkCountryAsync(server, work.FullName);
            var loadAfter = LoadAverage();
            var report = new Report($"Nearby and the country view over HTTP: {sessionCount:N0} active sessions, {sessionCount / 5:N0} within 15 km of one city; 5 km circles in the city, " +
                                    $"measured from outside for {Duration} each", "path", "load generator", "queries/s", "mean ms", "p99 ms", "bytes per answer", "vs PostGIS");
            report.Row("PostGIS ST_DWithin(geography), GiST, limit 50", "pgbench, 4 clients, prepared", pgbench.PerSecond, pgbench.MeanMs, "", "", "1.00×");
            report.Row("GET /api/sessions/nearby, limit 50", "wrk, 4 connections", full.PerSecond, full.MeanMs, full.P99Ms, full.BytesPerAnswer, $"**{full.PerSecond / pgbench.PerSecond:F1}×**");
            report.Row("GET /api/sessions/nearby, limit 50, fields=map", "wrk, 4 connections", map.PerSecond, map.MeanMs, map.P99Ms, map.BytesPerAnswer, $"**{map.PerSecond / pgbench.PerSecond:F1}×**");
            report.Row("GET /api/sessions/nearby, limit 1", "wrk, 4 connections", tiny.PerSecond, tiny.MeanMs, tiny.P99Ms, tiny.BytesPerAnswer, $"{tiny.PerSecond / pgbench.PerSecond:F1}×");
            report.Row("PostGIS envelope, grid GROUP BY (clusters), country boxes, zoom 6", "pgbench, 4 clients, prepared", countrySql.PerSecond, countrySql.MeanMs, "", "", "1.00×");
            report.Row("GET /api/sessions/in-view, country boxes, zoom 6 (clusters)", "wrk, 4 connections", countryHttp.PerSecond, countryHttp.MeanMs,
                countryHttp.P99Ms, countryHttp.BytesPerAnswer, $"**{countryHttp.PerSecond / countrySql.PerSecond:F1}×**");
            report.Note(FormattableString.Invariant($"Country boxes: {CountryWidth}° × {CountryHeight}° at zoom {CountryZoom}, centred at random within ±{CountryShiftLat}° ") +
                        FormattableString.Invariant($"of latitude and ±{CountryShiftLng}° of longitude of the city; PostGIS groups the envelope's sessions into cells ") +
                        FormattableString.Invariant($"of the clusters' size ({ViewClusters.CellDegrees(CountryZoom)}°) as the viewport search benchmark does, and sends its rows to pgbench only."));
            report.Note("The server is the published (ReadyToRun) process in embedded mode, its sessions created through POST /api/sessions; anonymous " +
                        "callers, the per-address search cap lifted. PostgreSQL 15 with PostGIS 3 holds the same sessions at their public positions. " +
                        "Load generators, server and PostgreSQL share the machine's cores, " +
                        $"with whatever else runs on it: load average (1 min) {loadBefore} before the runs, {loadAfter} after.");
            report.Publish("nearby-http.md");
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    private sealed record Loaded(Guid Id, double Latitude, double Longitude, DateTimeOffset StartTime);

    private sealed record Measured(double PerSecond, double MeanMs, double P99Ms, double BytesPerAnswer);

    /// <summary>Creates the sessions through the API and answers where each shows (its public position).</summary>
    private static async Task<Loaded[]> LoadAsync(ServerProcess server, int sessionCount)
    {
        using var http = new HttpClient { BaseAddress = server.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        http.DefaultRequestHeaders.Authorization = new("Bearer", await ServerProcess.SignUpAsync(http, "nearbyhost"));
        var random = new Random(100_000);
        var rows = new Loaded[sessionCount];
        var loaded = await LoadRunner.RunAsync(sessionCount, 16, async i =>
        {
            double lat, lng, hours;
            lock (random)
            {
                (lat, lng) = i % 5 == 0 ? SearchBenchmark.Around(City, 15, random)
                    : (Math.Asin(2 * random.NextDouble() - 1) * 180 / Math.PI, random.NextDouble() * 360 - 180);
                hours = 1 + random.NextDouble() * 160;
            }
            var response = await http.PostAsJsonAsync("/api/sessions", new
            {
                title = $"Session {i}", subject = "Subject", sessionType = "silent", latitude = lat, longitude = lng,
                startTime = DateTimeOffset.UtcNow.AddHours(hours), durationMinutes = 120,
            });
            var session = (await response.EnsureSuccessStatusCode().Content.ReadFromJsonAsync<SessionDto>())!;
            rows[i] = new Loaded(session.Id, session.Latitude, session.Longitude, session.StartTime);
        });
        if (loaded.Failures > 0) throw new InvalidOperationException($"{loaded.Failures} of {sessionCount} sessions failed to load");
        return rows;
    }

    private static Task<Measured> PgbenchAsync(BenchDatabase db, string work)
    {
        var query = SearchBenchmark.PostGisQuery.Replace("$1", ":lat").Replace("$2", ":lng").Replace("$3", "5").Replace("$4", "50");
        return PgbenchAsync(db, work, "nearby.sql", FormattableString.Invariant($"""
            \set dlat random(-1000000, 1000000)
            \set dlng random(-1000000, 1000000)
            \set lat {City.Lat} + :dlat * {QueryBoxLat / 1_000_000:F12}
            \set lng {City.Lng} + :dlng * {QueryBoxLng / 1_000_000:F12}
            {query.ReplaceLineEndings(" ")};
            """));
    }

    /// <summary>The country view in PostGIS: the envelope's sessions grouped into cells of the clusters' size.</summary>
    private static Task<Measured> PgbenchCountryAsync(BenchDatabase db, string work)
    {
        var query = SearchBenchmark.EnvelopeGrid.Replace("$1", ":w").Replace("$2", ":s").Replace("$3", ":e").Replace("$4", ":n")
            .Replace("$5", FormattableString.Invariant($"{ViewClusters.CellDegrees(CountryZoom)}"));
        return PgbenchAsync(db, work, "country.sql", FormattableString.Invariant($"""
            \set dlat random(-1000000, 1000000)
            \set dlng random(-1000000, 1000000)
            \set s {City.Lat - CountryHeight / 2} + :dlat * {CountryShiftLat / 1_000_000:F12}
            \set w {City.Lng - CountryWidth / 2} + :dlng * {CountryShiftLng / 1_000_000:F12}
            \set n :s + {CountryHeight}
            \set e :w + {CountryWidth}
            {query.ReplaceLineEndings(" ")};
            """));
    }

    private static async Task<Measured> PgbenchAsync(BenchDatabase db, string work, string name, string sql)
    {
        var script = Path.Combine(work, name);
        await File.WriteAllTextAsync(script, sql);
        var connection = new NpgsqlConnectionStringBuilder(db.ConnectionString);
        var output = await RunAsync("pgbench", ["-n", "-c", "4", "-j", "2", "-T", Duration.TrimEnd('s'), "-M", "prepared", "-f", script,
            "-h", connection.Host!, "-p", connection.Port.ToString(CultureInfo.InvariantCulture), "-U", connection.Username!, connection.Database!]);
        var failed = Number(PgbenchFailed(), output, whenMissing: 0);
        if (failed > 0) throw new InvalidOperationException($"pgbench: {failed} transactions failed:\n{output}");
        return new Measured(Number(PgbenchTps(), output), Number(PgbenchLatency(), output), double.NaN, double.NaN);
    }

    /// <summary>The 1-minute load average, as /proc/loadavg has it: what else the shared machine was doing.</summary>
    private static string LoadAverage() => File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "unknown";

    private static Task<Measured> WrkAsync(ServerProcess server, string work, string parameters) =>
        WrkAsync(server, work, $"nearby-{parameters.Replace('&', '-').Replace('=', '-')}.lua", FormattableString.Invariant($$"""
            math.randomseed(7)
            request = function()
              local lat = {{City.Lat}} + (math.random() * 2 - 1) * {{QueryBoxLat}}
              local lng = {{City.Lng}} + (math.random() * 2 - 1) * {{QueryBoxLng}}
              return wrk.format("GET", string.format("/api/sessions/nearby?lat=%.6f&lng=%.6f&radiusKm=5&{{parameters}}", lat, lng))
            end
            """));

    /// <summary>The country view over HTTP: the same boxes as <see cref="PgbenchCountryAsync"/>, answered as clusters.</summary>
    private static Task<Measured> WrkCountryAsync(ServerProcess server, string work) =>
        WrkAsync(server, work, "country.lua", FormattableString.Invariant($$"""
            math.randomseed(7)
            request = function()
              local s = {{City.Lat - CountryHeight / 2}} + (math.random() * 2 - 1) * {{CountryShiftLat}}
              local w = {{City.Lng - CountryWidth / 2}} + (math.random() * 2 - 1) * {{CountryShiftLng}}
              return wrk.format("GET", string.format("/api/sessions/in-view?bbox=%.6f,%.6f,%.6f,%.6f&zoom={{CountryZoom}}", w, s, w + {{CountryWidth}}, s + {{CountryHeight}}))
            end
            """));

    private static async Task<Measured> WrkAsync(ServerProcess server, string work, string name, string lua)
    {
        var script = Path.Combine(work, name);
        await File.WriteAllTextAsync(script, lua);
        var output = await RunAsync("wrk", ["-t", "2", "-c", "4", "-d", Duration, "--latency", "-s", script, server.BaseAddress.ToString()]);
        if (output.Contains("Non-2xx", StringComparison.Ordinal) || output.Contains("Socket errors", StringComparison.Ordinal))
            throw new InvalidOperationException($"wrk saw failed requests:\n{output}");
        var perSecond = Number(WrkRequestsPerSecond(), output);
        var requests = Number(WrkRequests(), output);
        return new Measured(perSecond, WrkMilliseconds(WrkMeanLatency().Match(output)), WrkMilliseconds(WrkP99().Match(output)),
            Bytes(WrkRead().Match(output)) / requests);
    }

    private static async Task<string> RunAsync(string program, string[] arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0) throw new InvalidOperationException($"{program} exited with {process.ExitCode}:\n{await output}\n{await error}");
        return await output;
    }

    private static double Number(Regex pattern, string output, double? whenMissing = null) =>
        pattern.Match(output) is { Success: true } match ? double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture)
        : whenMissing ?? throw new InvalidOperationException($"no {pattern} in:\n{output}");

    /// <summary>wrk writes durations as 1.23ms, 456.00us or 1.02s.</summary>
    private static double WrkMilliseconds(Match match) => double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) * match.Groups[2].Value switch
    {
        "us" => 0.001, "ms" => 1, "s" => 1000, _ => throw new FormatException(match.Value),
    };

    private static double Bytes(Match match) => double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) * match.Groups[2].Value switch
    {
        "B" => 1, "KB" => 1024, "MB" => 1024 * 1024, "GB" => 1024 * 1024 * 1024, _ => throw new FormatException(match.Value),
    };

    [GeneratedRegex(@"tps = ([\d.]+) \(without initial connection time\)")]
    private static partial Regex PgbenchTps();

    [GeneratedRegex(@"latency average = ([\d.]+) ms")]
    private static partial Regex PgbenchLatency();

    [GeneratedRegex(@"number of failed transactions: (\d+)")]
    private static partial Regex PgbenchFailed();

    [GeneratedRegex(@"Requests/sec:\s+([\d.]+)")]
    private static partial Regex WrkRequestsPerSecond();

    [GeneratedRegex(@"(\d+) requests in")]
    private static partial Regex WrkRequests();

    [GeneratedRegex(@"Latency\s+([\d.]+)(us|ms|s)\s")]
    private static partial Regex WrkMeanLatency();

    [GeneratedRegex(@"99%\s+([\d.]+)(us|ms|s)")]
    private static partial Regex WrkP99();

    [GeneratedRegex(@"requests in [\d.]+\w+, ([\d.]+)(B|KB|MB|GB) read")]
    private static partial Regex WrkRead();
}
