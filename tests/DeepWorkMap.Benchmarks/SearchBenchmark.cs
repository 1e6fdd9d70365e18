using System.Net.Http.Json;
using DeepWorkMap.Contracts.Api;
using DeepWorkMap.Contracts.Geo;
using DeepWorkMap.Contracts.Sessions;
using DeepWorkMap.Grains.Geo;
using DeepWorkMap.Server.Accounts;
using DeepWorkMap.Server.Sessions;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using DeepWorkMap.Server.Identity;

namespace DeepWorkMap.Benchmarks;

/// <summary>
/// Nearby search over 100k active sessions, a fifth of them in one city: geo-cell grains (in-process and
/// over HTTP) against the same query in PostgreSQL on the same data — PostGIS ST_DWithin on geography
/// with a GiST index, and the seed's earthdistance form with a GiST index on ll_to_earth.
/// </summary>
public static class SearchBenchmark
{
    private static readonly (double Lat, double Lng) City = (52.52, 13.405);

    internal const string Schema = """
        CREATE EXTENSION IF NOT EXISTS postgis;
        CREATE EXTENSION IF NOT EXISTS cube;
        CREATE EXTENSION IF NOT EXISTS earthdistance;
        CREATE TABLE sessions (
            id uuid PRIMARY KEY, title text NOT NULL, subject text NOT NULL, session_type text NOT NULL,
            latitude double precision NOT NULL, longitude double precision NOT NULL,
            start_time timestamptz NOT NULL, end_time timestamptz NOT NULL,
            max_participants int NOT NULL, current_participants int NOT NULL,
            geog geography(Point, 4326) NOT NULL,
            geom geometry(Point, 4326) NOT NULL);
        """;

    internal const string Indexes = """
        CREATE INDEX sessions_geog ON sessions USING GIST (geog);
        CREATE INDEX sessions_geom ON sessions USING GIST (geom);
        CREATE INDEX sessions_earth ON sessions USING GIST (ll_to_earth(latitude, longitude));
        ANALYZE sessions;
        """;

    internal const string PostGisQuery = """
        SELECT id, ST_Distance(geog, ST_MakePoint($2, $1)::geography, false) / 1000 AS km FROM sessions
        WHERE ST_DWithin(geog, ST_MakePoint($2, $1)::geography, $3 * 1000, false) AND end_time > now()
        ORDER BY start_time, id LIMIT $4
        """;

    private const string EarthDistanceQuery = """
        SELECT id, earth_distance(ll_to_earth($1, $2), ll_to_earth(latitude, longitude)) / 1000 AS km FROM sessions
        WHERE earth_box(ll_to_earth($1, $2), $3 * 1000) @> ll_to_earth(latitude, longitude)
          AND earth_distance(ll_to_earth($1, $2), ll_to_earth(latitude, longitude)) <= $3 * 1000
          AND end_time > now()
        ORDER BY start_time, id LIMIT $4
        """;

    public static async Task RunAsync(string admin, int sessionCount, int concurrency, double[] radii, int grainQueries, int sqlQueries)
    {
        var random = new Random(100_000);
        var now = DateTimeOffset.UtcNow;
        var sessions = Enumerable.Range(0, sessionCount).Select(i =>
        {
            var (lat, lng) = i % 5 == 0
                ? Around(City, 15, random)
                : (Math.Asin(2 * random.NextDouble() - 1) * 180 / Math.PI, random.NextDouble() * 360 - 180);
            return new CreateSession(Guid.Empty, $"Session {i}", "Subject " + random.Next(40), SessionTypes.All.ElementAt(random.Next(3)),
                lat, lng, now.AddMinutes(30 + random.Next(60 * 24 * 7)), 60 + random.Next(540), 10);
        }).ToList();
        var ids = sessions.Select(_ => Guid.NewGuid()).ToArray();

        // The grain side: the real server (embedded storage; search never touches storage), loaded through session grains.
        await using var server = await BenchServer.StartAsync(postgres: null);
        var host = await RegisterHostAsync(server);
        var loading = System.Diagnostics.Stopwatch.StartNew();
        // Searches see a session at its public position (its cell's, 200-550 m from the venue): the SQL side gets the same positions.
        var positions = new (double Lat, double Lng)[sessions.Count];
        await LoadRunner.RunAsync(sessions.Count, 32, async i =>
        {
            var created = (await server.Grains.GetGrain<IStudySessionGrain>(ids[i]).Create(sessions[i] with { HostId = host })).Session!;
            positions[i] = (created.Latitude, created.Longitude);
        });
        loading.Stop();

        await using var db = await BenchDatabase.CreateAsync(admin, "bench_search");
        await db.ExecuteAsync(Schema);
        await db.ExecuteAsync("""
            INSERT INTO sessions SELECT id, title, subject, type, lat, lng, st, st + make_interval(mins => dur), 10, 1,
                   ST_MakePoint(lng, lat)::geography, ST_SetSRID(ST_MakePoint(lng, lat), 4326)
            FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::float8[], $6::float8[], $7::timestamptz[], $8::int[])
                 AS t(id, title, subject, type, lat, lng, st, dur)
            """,
            ids, sessions.Select(s => s.Title).ToArray(), sessions.Select(s => s.Subject).ToArray(), sessions.Select(s => s.SessionType).ToArray(),
            positions.Select(p => p.Lat).ToArray(), positions.Select(p => p.Lng).ToArray(),
            sessions.Select(s => s.StartTime).ToArray(), sessions.Select(s => s.DurationMinutes).ToArray());
        await db.ExecuteAsync(Indexes);

        var search = server.Services.GetRequiredService<NearbySearch>();
        using var http = new HttpClient { BaseAddress = server.BaseAddress };

        var report = new Report(
            $"Nearby search: {sessionCount:N0} active sessions, {sessionCount / 5:N0} of them within 15 km of one city; limit 50",
            "radius", "path", "queries/s", "p50 ms", "p99 ms", "mean results", "throughput vs faster SQL");
        report.Note($"Concurrency {concurrency} unless the row says otherwise.");
        foreach (var radius in radii)
        {
            // Half the queries in the dense city, half at random sessions elsewhere on the globe.
            var queries = Enumerable.Range(0, Math.Max(grainQueries, sqlQueries)).Select(i =>
            {
                var centre = i % 2 == 0 ? Around(City, 12, random) : (sessions[random.Next(sessions.Count)].Latitude, sessions[random.Next(sessions.Count)].Longitude);
                return new NearbyQuery(centre.Item1, centre.Item2, radius, null, null, null, 50);
            }).ToArray();

            // Each path first answers its query list once, untimed (warm caches and active tiles: steady state), then again, timed.
            long postGisResults = 0, earthResults = 0, grainResults = 0, httpResults = 0;
            var postGis = await WarmThenRunAsync(sqlQueries, concurrency, async i => Interlocked.Add(ref postGisResults, (await SqlAsync(db, PostGisQuery, queries[i])).Count));
            var earth = await WarmThenRunAsync(sqlQueries, concurrency, async i => Interlocked.Add(ref earthResults, (await SqlAsync(db, EarthDistanceQuery, queries[i])).Count));
            var grains = await WarmThenRunAsync(grainQueries, concurrency, async i => Interlocked.Add(ref grainResults, (await search.SearchAsync(queries[i])).Count));
            var overHttp = await WarmThenRunAsync(sqlQueries, concurrency, async i =>
            {
                var q = queries[i];
                var answer = await http.GetFromJsonAsync<ItemsDto<SessionDto>>(FormattableString.Invariant($"/api/sessions/nearby?lat={q.Latitude}&lng={q.Longitude}&radiusKm={q.RadiusKm}"));
                Interlocked.Add(ref httpResults, answer!.Items.Count);
            });
            (postGisResults, earthResults, grainResults, httpResults) = (postGisResults / 2, earthResults / 2, grainResults / 2, httpResults / 2);
            // Latency without queueing: one query at a time (the throughput runs saturate both cores).
            var postGisAlone = await LoadRunner.RunAsync(Math.Min(sqlQueries, 1000), 1, i => SqlAsync(db, PostGisQuery, queries[i]));
            var grainsAlone = await LoadRunner.RunAsync(Math.Min(grainQueries, 5000), 1, i => search.SearchAsync(queries[i]));

            foreach (var (path, result) in new[] { ("PostGIS", postGis), ("earthdistance", earth), ("grains", grains), ("HTTP", overHttp) })
                if (result.Failures > 0) report.Note($"{radius} km, {path}: {result.Failures} of {result.Operations} queries failed (left out of queries/s).");
            var agreement = await AgreementAsync(db, search, queries.Take(200).ToArray());
            var baseline = Math.Max(postGis.PerSecond, earth.PerSecond);
            report.Row($"{radius} km", "PostGIS ST_DWithin(geography), GiST", postGis.PerSecond, postGis.P50Ms, postGis.P99Ms, (double)postGisResults / sqlQueries, $"{postGis.PerSecond / baseline:F2}×");
            report.Row($"{radius} km", "earthdistance earth_box @> ll_to_earth, GiST", earth.PerSecond, earth.P50Ms, earth.P99Ms, (double)earthResults / sqlQueries, $"{earth.PerSecond / baseline:F2}×");
            report.Row($"{radius} km", "geo-cell grains, in-process", grains.PerSecond, grains.P50Ms, grains.P99Ms, (double)grainResults / grainQueries, $"**{grains.PerSecond / baseline:F1}×**");
            report.Row($"{radius} km", "geo-cell grains, GET /api/sessions/nearby", overHttp.PerSecond, overHttp.P50Ms, overHttp.P99Ms, (double)httpResults / sqlQueries, $"**{overHttp.PerSecond / baseline:F1}×**");
            report.Row($"{radius} km", "PostGIS, one query at a time", postGisAlone.PerSecond, postGisAlone.P50Ms, postGisAlone.P99Ms, "", "(latency)");
            report.Row($"{radius} km", "geo-cell grains in-process, one query at a time", grainsAlone.PerSecond, grainsAlone.P50Ms, grainsAlone.P99Ms, "", "(latency)");
            report.Note($"{radius} km: grain results identical to PostGIS (sphere) for {agreement.Same}/{agreement.Total} sampled queries (ids and order).");
        }
        report.Note($"Loading {sessionCount:N0} sessions through session grains took {loading.Elapsed.TotalSeconds:F1} s. SQL runs on the same machine over loopback; PostgreSQL 15 with PostGIS 3.");
        report.Publish("search.md");
        await ViewsAsync(db, server, http, sessionCount, concurrency, sqlQueries, random);
    }

    private const string EnvelopeCount = "SELECT count(*) FROM sessions WHERE geom && ST_MakeEnvelope($1, $2, $3, $4, 4326) AND end_time > now()";

    private const string EnvelopePage = """
        SELECT id FROM sessions WHERE geom && ST_MakeEnvelope($1, $2, $3, $4, 4326) AND end_time > now()
        ORDER BY start_time, id LIMIT 50
        """;

    /// <summary>Clusters as a grid GROUP BY over the envelope, cells of the size ours are (<see cref="ViewClusters"/>).</summary>
    internal const string EnvelopeGrid = """
        SELECT count(*), avg(latitude), avg(longitude), min(longitude), min(latitude), max(longitude), max(latitude)
        FROM sessions WHERE geom && ST_MakeEnvelope($1, $2, $3, $4, 4326) AND end_time > now()
        GROUP BY floor((latitude + 90) / $5), floor((longitude + 180) / $5)
        """;

    /// <summary>
    /// Viewport search on the same data: a street-level view in the city (a page of 50 with the count) and a country
    /// view (clusters), the grains (in-process and over HTTP) against PostGIS's envelope search on a GiST index: for
    /// the page the count and the first 50, for clusters a grid GROUP BY.
    /// </summary>
    private static async Task ViewsAsync(BenchDatabase db, BenchServer server, HttpClient http, int sessionCount, int concurrency, int queryCount, Random random)
    {
        var views = server.Services.GetRequiredService<ViewSearch>();
        var report = new Report(
            $"Viewport search: the same {sessionCount:N0} sessions; a street-level view in the city (zoom 15, a page of 50 and the count) and a country view (zoom 6, clusters)",
            "view", "path", "queries/s", "p50 ms", "p99 ms", "mean total in view", "throughput vs PostGIS");
        foreach (var (name, zoom, height, width) in new[] { ("street, zoom 15", 15, 0.015, 0.025), ("country, zoom 6", 6, 8.0, 16.0) })
        {
            var boxes = Enumerable.Range(0, queryCount).Select(_ =>
            {
                var (lat, lng) = zoom >= ViewRules.ItemsFromZoom ? Around(City, 10, random) : (City.Lat + random.NextDouble() * 10 - 5, City.Lng + random.NextDouble() * 20 - 10);
                return new ViewQuery(lng - width / 2, lat - height / 2, lng + width / 2, lat + height / 2, zoom, null, null, null, 50);
            }).ToArray();
            var cell = ViewClusters.CellDegrees(zoom);
            long sqlTotal = 0, grainTotal = 0;
            var sql = await WarmThenRunAsync(queryCount, concurrency, async i =>
            {
                var b = boxes[i];
                if (zoom >= ViewRules.ItemsFromZoom)
                {
                    Interlocked.Add(ref sqlTotal, await ScalarAsync<long>(db, EnvelopeCount, b.West, b.South, b.East, b.North));
                    await ScalarAsync<Guid>(db, EnvelopePage, b.West, b.South, b.East, b.North);
                    return;
                }
                await using var command = db.DataSource.CreateCommand(EnvelopeGrid);
                foreach (var value in new[] { b.West, b.South, b.East, b.North, cell }) command.Parameters.AddWithValue(value);
                await using var reader = await command.ExecuteReaderAsync();
                while (await reader.ReadAsync()) Interlocked.Add(ref sqlTotal, reader.GetInt64(0));
            });
            var grains = await WarmThenRunAsync(queryCount, concurrency, async i =>
            {
                var counts = await views.CountAsync(boxes[i]);
                var total = counts.Sum(c => c.Count);
                Interlocked.Add(ref grainTotal, total);
                if (ViewPages.Clusters(boxes[i], total)) ViewClusters.Of(counts, zoom);
                else await views.SearchAsync(boxes[i]);
            });
            var overHttp = await WarmThenRunAsync(queryCount, concurrency, async i =>
            {
                var b = boxes[i];
                await http.GetFromJsonAsync<ViewPage>(FormattableString.Invariant($"/api/sessions/in-view?bbox={b.West},{b.South},{b.East},{b.North}&zoom={b.Zoom}"));
            });
            foreach (var (path, result) in new[] { ("PostGIS", sql), ("grains", grains), ("HTTP", overHttp) })
                if (result.Failures > 0) report.Note($"{name}, {path}: {result.Failures} of {result.Operations} queries failed (left out of queries/s).");
            var sqlPath = zoom >= ViewRules.ItemsFromZoom ? "PostGIS geom && ST_MakeEnvelope: the count, then 50 by start (GiST)" : "PostGIS geom && ST_MakeEnvelope, grid GROUP BY (GiST)";
            report.Row(name, sqlPath, sql.PerSecond, sql.P50Ms, sql.P99Ms, sqlTotal / 2.0 / queryCount, "1.00×");
            report.Row(name, "geo-cell grains, in-process (bucket counts, then the page or clusters)", grains.PerSecond, grains.P50Ms, grains.P99Ms,
                grainTotal / 2.0 / queryCount, $"**{grains.PerSecond / sql.PerSecond:F1}×**");
            report.Row(name, "geo-cell grains, GET /api/sessions/in-view", overHttp.PerSecond, overHttp.P50Ms, overHttp.P99Ms, "", $"**{overHttp.PerSecond / sql.PerSecond:F1}×**");
        }
        report.Note($"Concurrency {concurrency}; the same boxes for every path, each answered once untimed, then timed. Equal mean totals: both counted the same sessions.");
        report.Publish("views.md");
    }

    private static async Task<T> ScalarAsync<T>(BenchDatabase db, string sql, params object[] parameters)
    {
        await using var command = db.DataSource.CreateCommand(sql);
        foreach (var parameter in parameters) command.Parameters.AddWithValue(parameter);
        return await command.ExecuteScalarAsync() is T value ? value : default!;
    }

    private static async Task<LoadResult> WarmThenRunAsync(int count, int concurrency, Func<int, Task> operation)
    {
        await LoadRunner.RunAsync(count, concurrency, operation);
        return await LoadRunner.RunAsync(count, concurrency, operation);
    }

    private static async Task<Guid> RegisterHostAsync(BenchServer server)
    {
        var now = DateTimeOffset.UtcNow;
        var account = new UserAccount(Guid.NewGuid(), "host@example.com", "benchhost", "Bench Host", "x", null, now, now);
        await server.Services.GetRequiredService<IUserStore>().CreateAsync(account);
        return account.Id;
    }

    private static async Task<List<Guid>> SqlAsync(BenchDatabase db, string sql, NearbyQuery query)
    {
        await using var command = db.DataSource.CreateCommand(sql);
        command.Parameters.AddWithValue(query.Latitude);
        command.Parameters.AddWithValue(query.Longitude);
        command.Parameters.AddWithValue(query.RadiusKm);
        command.Parameters.AddWithValue(query.Limit);
        var ids = new List<Guid>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) ids.Add(reader.GetGuid(0));
        return ids;
    }

    private static async Task<(int Same, int Total)> AgreementAsync(BenchDatabase db, NearbySearch search, NearbyQuery[] queries)
    {
        var same = 0;
        foreach (var query in queries)
        {
            var sql = await SqlAsync(db, PostGisQuery, query);
            var grains = (await search.SearchAsync(query)).Select(h => h.Session.Id).ToList();
            if (sql.SequenceEqual(grains)) same++;
        }
        return (same, queries.Length);
    }

    internal static (double, double) Around((double Lat, double Lng) centre, double maxKm, Random random)
    {
        var distance = maxKm * Math.Sqrt(random.NextDouble()) / 6371.0088;
        var bearing = random.NextDouble() * 2 * Math.PI;
        var lat1 = centre.Lat * Math.PI / 180;
        var lng1 = centre.Lng * Math.PI / 180;
        var lat2 = Math.Asin(Math.Sin(lat1) * Math.Cos(distance) + Math.Cos(lat1) * Math.Sin(distance) * Math.Cos(bearing));
        var lng2 = lng1 + Math.Atan2(Math.Sin(bearing) * Math.Sin(distance) * Math.Cos(lat1), Math.Cos(distance) - Math.Sin(lat1) * Math.Sin(lat2));
        return (lat2 * 180 / Math.PI, lng2 * 180 / Math.PI);
    }
}
