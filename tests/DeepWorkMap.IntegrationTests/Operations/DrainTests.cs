using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using DeepWorkMap.Contracts.Api;
using DeepWorkMap.IntegrationTests.Infrastructure;

namespace DeepWorkMap.IntegrationTests.Operations;

/// <summary>
/// A silo and two front doors (the split topology) behind HAProxy (deploy/haproxy/haproxy.cfg), hub clients and a chat
/// going through it; one front door gets SIGTERM. It reports not ready at once, goes on serving while the balancer
/// takes it out, closes its hub connections with the reconnect hint and exits: from outside nothing fails, and every
/// hub client is back, on the other door, with every message in seq order. (A silo's hand-over under load is
/// RollingUpgradeTests'.)
/// </summary>
[Trait("Category", "SiloProcesses")]
public sealed class DrainTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    /// <summary>A front door's start: its Orleans client may retry the gateway a while on a machine loaded by other builds.</summary>
    private static readonly TimeSpan Startup = TimeSpan.FromSeconds(180);
    private static readonly TimeSpan CheckInterval = TimeSpan.FromMilliseconds(500);
    private const double DrainSeconds = 3;

    [Fact]
    public async Task A_front_door_told_to_stop_drains_through_the_balancer_without_failing_a_request_and_its_hub_clients_come_back_gap_free()
    {
        await using var database = await TestDatabase.CreateAsync();
        var clusterId = "drain-" + Guid.NewGuid().ToString("N")[..8];
        await using var silo = SiloProcess.Create("drain-silo", database, clusterId, role: "silo");
        var doors = new[] { "drain-door1", "drain-door2" }
            .Select(name => SiloProcess.Create(name, database, clusterId, role: "frontdoor").With("Drain__DelaySeconds", DrainSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture)))
            .ToArray();
        try
        {
            silo.Start();
            await silo.WaitReadyAsync(Startup);
            foreach (var door in doors) door.Start();
            await Task.WhenAll(doors.Select(d => d.WaitReadyAsync(Startup)));
            // Ready is "a silo answers"; a front door's first grain calls may still meet the cluster settling: wait them out.
            foreach (var door in doors)
            {
                using var anonymous = door.CreateClient();
                await Eventually.HoldsAsync(async () => (await anonymous.GetAsync("/api/sessions/nearby?lat=0&lng=0&radiusKm=1")).IsSuccessStatusCode,
                    Patience, $"{door.Name} answering");
            }
            await using var balancer = await Balancer.StartAsync(doors, CheckInterval);

            var suffix = clusterId[^6..];
            var host = await doors[0].SignUpAsync("host" + suffix);
            var guests = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => doors[i % 2].SignUpAsync($"g{i}{suffix}")));
            using var hostClient = balancer.CreateClient(host.Token);
            var session = (await (await hostClient.PostAsJsonAsync("/api/sessions", new
            {
                title = "Drain", subject = "Ops", sessionType = "discussion", latitude = 60.17, longitude = 24.94,
                startTime = DateTimeOffset.UtcNow.ToString("O"), durationMinutes = 120, maxParticipants = 20,
            })).Content.ReadFromJsonAsync<SessionDto>())!;
            foreach (var guest in guests)
            {
                using var client = balancer.CreateClient(guest.Token);
                (await client.PostAsync($"/api/sessions/{session.Id}/join", null)).EnsureSuccessStatusCode();
            }

            // Eight listeners through the balancer: leastconn spreads them over both doors.
            var listeners = await Task.WhenAll(guests.Select(g => ReconnectingHubClient.ConnectAsync(balancer.BaseAddress, g.Token)));
            foreach (var listener in listeners) await listener.SubscribeAsync(session.Id);
            var byDoor = listeners.GroupBy(l => l.Door).ToDictionary(g => g.Key!, g => g.ToList());
            Assert.Equal(2, byDoor.Count);
            var (drainedName, drained) = byDoor["door1"].Count > 0 ? ("door1", doors[0]) : ("door2", doors[1]);
            var moving = byDoor[drainedName];

            // A chat and a reader through the balancer, all along.
            var acknowledged = new ConcurrentDictionary<long, Guid>();
            var failures = new ConcurrentQueue<string>();
            var slowest = TimeSpan.Zero;
            using var stop = new CancellationTokenSource();
            // Each author may send 5 a second (Chat:MessagesPerSecond): the writes take turns among all nine.
            var authors = guests.Select(g => balancer.CreateClient(g.Token)).Append(hostClient).ToArray();
            var writer = Task.Run(async () =>
            {
                for (var i = 0; !stop.IsCancellationRequested; i++)
                {
                    var response = await Outcome(() => authors[i % authors.Length].PostAsJsonAsync($"/api/sessions/{session.Id}/messages", new { content = $"line {i}" }));
                    if (response?.StatusCode == HttpStatusCode.Created)
                    {
                        var message = (await response.Content.ReadFromJsonAsync<MessageDto>())!;
                        acknowledged[message.Seq] = message.Id;
                    }
                    else failures.Enqueue($"write {i}: {Describe(response)}");
                    await Task.Delay(40);
                }
            });
            var reader = Task.Run(async () =>
            {
                using var guestClient = balancer.CreateClient(guests[0].Token);
                while (!stop.IsCancellationRequested)
                {
                    var took = Stopwatch.StartNew();
                    var response = await Outcome(() => guestClient.GetAsync($"/api/sessions/{session.Id}"));
                    if (took.Elapsed > slowest) slowest = took.Elapsed;
                    if (response?.StatusCode != HttpStatusCode.OK) failures.Enqueue($"read: {Describe(response)}");
                    await Task.Delay(20);
                }
            });
            await Eventually.HoldsAsync(() => Task.FromResult(acknowledged.Count >= 20), Patience, "chat flowing");

            var terminated = Stopwatch.StartNew();
            var exited = drained.TerminateAsync(Patience);
            // Not ready at once, yet still serving while the balancer notices.
            using (var direct = drained.CreateClient())
            {
                await Eventually.HoldsAsync(async () => (await direct.GetAsync("/health/ready")).StatusCode == HttpStatusCode.ServiceUnavailable,
                    TimeSpan.FromSeconds(DrainSeconds), "the stopping door reporting not ready");
                Assert.Equal(HttpStatusCode.OK, (await direct.GetAsync($"/api/sessions/{session.Id}")).StatusCode);
            }
            Assert.True(await exited, $"{drained.Name} did not exit");
            Assert.True(terminated.Elapsed >= TimeSpan.FromSeconds(DrainSeconds), $"exited after {terminated.Elapsed.TotalSeconds:F1} s, before its drain");
            Assert.Equal(0, drained.ExitCode);

            // Its hub clients were told to reconnect (not closed for good), and are back on the other door.
            await Eventually.HoldsAsync(() => Task.FromResult(moving.All(l => l.Reconnected >= 1)), Patience, "the drained door's hub clients back");
            Assert.All(moving, l => Assert.Equal(0, l.Closed));
            Assert.All(moving, l => Assert.NotEqual(drainedName, l.Door));

            await Task.Delay(TimeSpan.FromSeconds(1));
            await stop.CancelAsync();
            await Task.WhenAll(writer, reader);
            Assert.Empty(failures);

            // Every listener holds every message, 1…last, with the ids the writes were acknowledged with.
            var last = acknowledged.Keys.Max();
            await Eventually.HoldsAsync(() => Task.FromResult(listeners.All(l => l.HasAll(session.Id, acknowledged, last))), Patience,
                "every hub client holding every message gap-free",
                () => string.Join("; ", listeners.Where(l => !l.HasAll(session.Id, acknowledged, last)).Select(l => l.Describe(session.Id, acknowledged, last))));
            Console.WriteLine($"drain: {acknowledged.Count} messages, {moving.Count} of {listeners.Length} hub clients moved, slowest read {slowest.TotalMilliseconds:F0} ms");
            foreach (var listener in listeners) await listener.DisposeAsync();
        }
        finally
        {
            foreach (var door in doors) await door.DisposeAsync();
        }
    }

    /// <summary>The answer, or null when the request failed without one (a torn connection, a timeout).</summary>
    private static async Task<HttpResponseMessage?> Outcome(Func<Task<HttpResponseMessage>> request)
    {
        try
        {
            return await request();
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return null;
        }
    }

    private static string Describe(HttpResponseMessage? response) =>
        response is null ? "no answer" : $"{(int)response.StatusCode} {response.Content.ReadAsStringAsync().Result}";
}
