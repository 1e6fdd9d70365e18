using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using DeepWorkMap.Contracts.Api;
using DeepWorkMap.IntegrationTests.Infrastructure;
using Npgsql;

namespace DeepWorkMap.IntegrationTests.Operations;

/// <summary>
/// scripts/cluster.sh as ops run it: three silos with their front doors behind HAProxy, started at the previous release
/// with sessions, chat, a waitlist, a timer and a reminder in it; rolled to this build one process at a time (a canary
/// first: the mixed cluster serves and understands itself); then restarted one at a time under a load of joins, chat
/// and hub listeners through the balancer. From outside: no read fails, no acknowledged write is lost, at most 0.1% of
/// writes are answered with an error to retry, every hub client is back gap-free, and the reminder fires once.
/// </summary>
[Trait("Category", "SiloProcesses")]
public sealed class RollingUpgradeTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task The_previous_release_rolls_to_this_build_and_then_restarts_under_load_through_the_balancer_losing_nothing()
    {
        var previous = await PreviousRelease.PublishedAsync();
        var current = Path.GetDirectoryName(SiloProcess.ServerAssembly)!;
        await using var cluster = await ProcessCluster.UpAsync(previous);
        var suffix = Guid.NewGuid().ToString("N")[..6];
        using var anonymous = new HttpClient { BaseAddress = cluster.Balancer, Timeout = TimeSpan.FromSeconds(30) };

        // On the previous release: a host and twelve people; a chat, a full session with two waiting, a timer, a reminder.
        var host = await SignUpAsync(anonymous, "host" + suffix);
        var people = new List<AuthResult>();
        for (var i = 0; i < 12; i++) people.Add(await SignUpAsync(anonymous, $"p{i}{suffix}"));
        using var hostClient = Client(cluster.Balancer, host.Token);
        var chat = await CreateAsync(hostClient, "Chat", maxParticipants: 20);
        foreach (var person in people.Take(8)) await ExpectAsync(Client(cluster.Balancer, person.Token).PostAsync($"/api/sessions/{chat.Id}/join", null), HttpStatusCode.OK);
        var sent = new List<MessageDto>();
        for (var i = 0; i < 30; i++)
        {
            using var author = Client(cluster.Balancer, people[i % 8].Token);
            var response = await author.PostAsJsonAsync($"/api/sessions/{chat.Id}/messages", new { content = $"before the upgrade {i}" });
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            sent.Add((await response.Content.ReadFromJsonAsync<MessageDto>())!);
        }
        var full = await CreateAsync(hostClient, "Full", maxParticipants: 2);
        await ExpectAsync(Client(cluster.Balancer, people[8].Token).PostAsync($"/api/sessions/{full.Id}/join", null), HttpStatusCode.OK);
        await ExpectAsync(Client(cluster.Balancer, people[9].Token).PostAsync($"/api/sessions/{full.Id}/waitlist", null), HttpStatusCode.OK);
        await ExpectAsync(Client(cluster.Balancer, people[10].Token).PostAsync($"/api/sessions/{full.Id}/waitlist", null), HttpStatusCode.OK);
        var timed = await CreateAsync(hostClient, "Timed", startInMinutes: 0);
        await ExpectAsync(hostClient.PutAsJsonAsync($"/api/sessions/{timed.Id}/timer", new { focusMinutes = 50, breakMinutes = 10, cycles = 3 }), HttpStatusCode.OK);
        var reminded = people[11];
        using var remindedClient = Client(cluster.Balancer, reminded.Token);
        var preferences = (await remindedClient.GetFromJsonAsync<PreferencesDto>("/api/me/preferences"))!;
        await ExpectAsync(remindedClient.PutAsJsonAsync("/api/me/preferences", preferences with { ReminderMinutes = 5 }), HttpStatusCode.OK);
        var reminderDue = DateTimeOffset.UtcNow.AddSeconds(100);
        var soon = await CreateAsync(hostClient, "Soon", start: reminderDue.AddMinutes(5));
        await ExpectAsync(remindedClient.PostAsync($"/api/sessions/{soon.Id}/join", null), HttpStatusCode.OK);
        var before = await ReadAsync(hostClient, [chat.Id, full.Id, timed.Id, soon.Id]);

        // Six listeners of the chat, through the balancer.
        var listeners = new List<ReconnectingHubClient>();
        foreach (var person in people.Take(6))
        {
            var listener = await ReconnectingHubClient.ConnectAsync(cluster.Balancer, person.Token);
            await listener.SubscribeAsync(chat.Id);
            listeners.Add(listener);
        }

        // The canary: process 1 on this build, 2 and 3 still on the previous one. Each reads what the other wrote.
        await cluster.RollAsync(current, "1");
        using (var upgraded = Client(cluster.Door(1), host.Token))
        using (var old = Client(cluster.Door(2), host.Token))
        {
            Assert.Equal(before, await ReadAsync(upgraded, [chat.Id, full.Id, timed.Id, soon.Id]));
            var mixed = await CreateAsync(old, "Mixed");
            var fromNew = await (await upgraded.PostAsJsonAsync($"/api/sessions/{mixed.Id}/messages", new { content = "from this build" })).Content.ReadFromJsonAsync<MessageDto>();
            var fromOld = await (await old.PostAsJsonAsync($"/api/sessions/{mixed.Id}/messages", new { content = "from the previous release" })).Content.ReadFromJsonAsync<MessageDto>();
            Assert.Equal([fromNew!.Seq, fromOld!.Seq], [1L, 2L]);
            foreach (var door in new[] { upgraded, old })
                Assert.Equal([fromOld.Id, fromNew.Id], (await door.GetFromJsonAsync<ItemsDto<MessageDto>>($"/api/sessions/{mixed.Id}/messages"))!.Items.Select(m => m.Id));
            for (var i = 0; i < 20; i++) await ExpectAsync(hostClient.GetAsync($"/api/sessions/{chat.Id}"), HttpStatusCode.OK);
        }
        await cluster.RollAsync(null, "2", "3");

        // Everything reads back on this build: the sessions, their people, the waitlist's order, the timer, the chat.
        Assert.Equal(before, await ReadAsync(hostClient, [chat.Id, full.Id, timed.Id, soon.Id]));
        await ExpectAsync(Client(cluster.Balancer, people[8].Token).PostAsync($"/api/sessions/{full.Id}/leave", null), HttpStatusCode.OK);
        var seated = (await hostClient.GetFromJsonAsync<List<ParticipantDto>>($"/api/sessions/{full.Id}/participants"))!;
        Assert.Equal([host.User.Id, people[9].User.Id], seated.Select(p => p.User.Id));
        var history = (await hostClient.GetFromJsonAsync<ItemsDto<MessageDto>>($"/api/sessions/{chat.Id}/messages?limit=100"))!;
        Assert.Equal(sent.Select(m => (m.Seq, m.Id)).Reverse(), history.Items.Select(m => (m.Seq, m.Id)));

        // A rolling restart under load, through the balancer. (The previous release closed its hub connections without
        // the reconnect hint, so its clients had to start over; from here on none may have to.)
        var closedBefore = listeners.Select(l => l.Closed).ToList();
        var load = new Load(cluster.Balancer, chat.Id, [.. people.Take(8), host]);
        var running = load.RunAsync();
        await Eventually.HoldsAsync(() => Task.FromResult(load.Writes >= 50), Patience, "the load running");
        var rolled = Stopwatch.StartNew();
        await cluster.RollAsync(null);
        rolled.Stop();
        await Task.Delay(TimeSpan.FromSeconds(2));
        await load.StopAsync(running);

        Console.WriteLine($"rolling restart of {cluster.Silos.Count} processes in {rolled.Elapsed.TotalSeconds:F0} s: {load.Reads} reads " +
            $"({load.FailedReads.Count} failed, slowest {load.SlowestRead.TotalMilliseconds:F0} ms), {load.Writes} writes " +
            $"({load.RetryableWrites.Count} to retry), {load.Messages.Count} messages and {load.Joins.Count} joins acknowledged");
        Assert.Empty(load.FailedReads);
        Assert.Empty(load.WrongWrites);
        Assert.True(load.RetryableWrites.Count <= load.Writes / 1000.0,
            $"{load.RetryableWrites.Count} of {load.Writes} writes answered with an error to retry: {string.Join("; ", load.RetryableWrites.Take(5))}");

        // Nothing acknowledged lost: every join seated, every message stored under its seq, seq without gaps.
        foreach (var (sessionId, userId) in load.Joins)
            Assert.Contains(userId, (await hostClient.GetFromJsonAsync<List<ParticipantDto>>($"/api/sessions/{sessionId}/participants"))!.Select(p => p.User.Id));
        var stored = await StoredMessagesAsync(cluster.Postgres, chat.Id);
        Assert.Equal(Enumerable.Range(1, stored.Count).Select(i => (long)i), stored.Keys.Order());
        foreach (var (seq, id) in load.Messages) Assert.Equal(id, stored[seq]);

        // Every hub client back, holding every message in seq order without a gap.
        var all = new Dictionary<long, Guid>(stored);
        await Eventually.HoldsAsync(() => Task.FromResult(listeners.All(l => l.HasAll(chat.Id, all, all.Keys.Max()))), Patience, "every hub client gap-free",
            () => string.Join("; ", listeners.Where(l => !l.HasAll(chat.Id, all, all.Keys.Max())).Select(l => l.Describe(chat.Id, all, all.Keys.Max()))));
        Assert.Equal(closedBefore, listeners.Select(l => l.Closed));

        // The reminder fired once, however many times its silo changed; and no silo was declared dead, only stopped.
        await Eventually.HoldsAsync(async () => await RemindersAsync(remindedClient, soon.Id) >= 1, TimeSpan.FromMinutes(3), "the reminder");
        Assert.True(DateTimeOffset.UtcNow >= reminderDue, "the reminder came before it was due");
        Assert.Equal(1, await RemindersAsync(remindedClient, soon.Id));
        var metrics = await Task.WhenAll(cluster.Silos.Select(cluster.MetricsAsync));
        Assert.All(metrics, m => Assert.Equal(0, PrometheusText.Value(m, "deepwork_silos_declared_dead_total") ?? 0));
        foreach (var listener in listeners) await listener.DisposeAsync();
    }

    /// <summary>What a user sees of the sessions: facts, seats and the waitlist, the timer's phase, the participants, the chat's seqs.</summary>
    private static async Task<string> ReadAsync(HttpClient client, Guid[] sessions)
    {
        var seen = new List<string>();
        foreach (var id in sessions)
        {
            var session = (await client.GetFromJsonAsync<SessionDto>($"/api/sessions/{id}"))!;
            var participants = (await client.GetFromJsonAsync<List<ParticipantDto>>($"/api/sessions/{id}/participants"))!;
            var messages = (await client.GetFromJsonAsync<ItemsDto<MessageDto>>($"/api/sessions/{id}/messages?limit=100"))!;
            seen.Add($"{session.Title} {session.Status} {session.StartTime:O} {session.CurrentParticipants}/{session.MaxParticipants} waiting {session.WaitlistCount} " +
                $"timer {session.Timer} phase {session.Phase?.Kind} {session.Phase?.Index} {session.Phase?.StartsAt:O} " +
                $"people {string.Join(",", participants.Select(p => p.User.Id))} chat {string.Join(",", messages.Items.Select(m => $"{m.Seq}:{m.Id}"))}");
        }
        return string.Join("\n", seen);
    }

    private static async Task<int> RemindersAsync(HttpClient client, Guid sessionId)
    {
        var inbox = (await client.GetFromJsonAsync<NotificationPage>("/api/me/notifications?limit=100"))!;
        return inbox.Items.Count(n => n.Kind == "session_reminder" && n.SessionId == sessionId);
    }

    private static async Task<Dictionary<long, Guid>> StoredMessagesAsync(string postgres, Guid sessionId)
    {
        await using var dataSource = NpgsqlDataSource.Create(postgres);
        await using var command = dataSource.CreateCommand("SELECT seq, id FROM chat_messages WHERE session_id = $1");
        command.Parameters.AddWithValue(sessionId);
        var stored = new Dictionary<long, Guid>();
        await using var rows = await command.ExecuteReaderAsync();
        while (await rows.ReadAsync()) stored[rows.GetInt64(0)] = rows.GetGuid(1);
        return stored;
    }

    private static HttpClient Client(Uri address, string token)
    {
        var client = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(30) };
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    private static async Task<AuthResult> SignUpAsync(HttpClient anonymous, string username)
    {
        var response = await anonymous.PostAsJsonAsync("/api/auth/register",
            new { email = $"{username}@example.com", username, displayName = username, password = "correct horse battery" });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<AuthResult>())!;
    }

    private static async Task<SessionDto> CreateAsync(HttpClient host, string title, int maxParticipants = 10, int startInMinutes = 30, DateTimeOffset? start = null)
    {
        var response = await host.PostAsJsonAsync("/api/sessions", new
        {
            title, subject = "Operations", sessionType = "discussion", latitude = 47.37, longitude = 8.54,
            startTime = (start ?? DateTimeOffset.UtcNow.AddMinutes(startInMinutes)).ToString("O"), durationMinutes = 180, maxParticipants,
        });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<SessionDto>())!;
    }

    private static async Task ExpectAsync(Task<HttpResponseMessage> request, HttpStatusCode expected)
    {
        var response = await request;
        Assert.True(response.StatusCode == expected, $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    /// <summary>
    /// Readers of sessions, participants and chat history, and writers of joins and chat messages, all through the
    /// balancer, as fast as the rate limits let nine users go. It keeps what was acknowledged, and what failed how.
    /// </summary>
    private sealed class Load(Uri balancer, Guid chatId, IReadOnlyList<AuthResult> users)
    {
        private readonly CancellationTokenSource _stop = new();
        private int _reads;
        private int _writes;
        private long _slowestTicks;

        public ConcurrentBag<(Guid Session, Guid User)> Joins { get; } = [];
        public ConcurrentBag<(long Seq, Guid Id)> Messages { get; } = [];
        public ConcurrentQueue<string> FailedReads { get; } = new();
        public ConcurrentQueue<string> RetryableWrites { get; } = new();

        /// <summary>Writes answered with what a client cannot act on (a 4xx other than a refusal, a 500): never expected.</summary>
        public ConcurrentQueue<string> WrongWrites { get; } = new();

        public int Reads => Volatile.Read(ref _reads);
        public int Writes => Volatile.Read(ref _writes);
        public TimeSpan SlowestRead => TimeSpan.FromTicks(Interlocked.Read(ref _slowestTicks));

        public Task RunAsync() => Task.WhenAll(
            Task.Run(() => WriteAsync(0)), Task.Run(() => WriteAsync(1)), Task.Run(() => WriteAsync(2)),
            Task.Run(() => ReadAsync("/api/sessions/" + chatId)), Task.Run(() => ReadAsync($"/api/sessions/{chatId}/participants")),
            Task.Run(() => ReadAsync($"/api/sessions/{chatId}/messages?limit=20")));

        public async Task StopAsync(Task running)
        {
            await _stop.CancelAsync();
            await running;
        }

        private async Task WriteAsync(int writer)
        {
            var clients = users.Select(u => Client(balancer, u.Token)).ToArray();
            for (var i = writer; !_stop.IsCancellationRequested; i += 3)
            {
                var who = i % users.Count;
                var joining = i % 5 == 0;
                Interlocked.Increment(ref _writes);
                try
                {
                    var response = joining
                        ? await clients[who].PostAsync($"/api/sessions/{chatId}/join", null)
                        : await clients[who].PostAsJsonAsync($"/api/sessions/{chatId}/messages", new { content = $"under load {i}" });
                    if (response.StatusCode == HttpStatusCode.Created)
                    {
                        var message = (await response.Content.ReadFromJsonAsync<MessageDto>())!;
                        Messages.Add((message.Seq, message.Id));
                    }
                    else if (response.StatusCode == HttpStatusCode.OK && joining) Joins.Add((chatId, users[who].User.Id));
                    else if (response.StatusCode is HttpStatusCode.ServiceUnavailable or HttpStatusCode.BadGateway or HttpStatusCode.GatewayTimeout)
                        RetryableWrites.Enqueue($"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
                    else if (response.StatusCode != HttpStatusCode.TooManyRequests)
                        WrongWrites.Enqueue($"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
                {
                    RetryableWrites.Enqueue("no answer: " + e.Message);
                }
                await Task.Delay(120);
            }
        }

        private async Task ReadAsync(string path)
        {
            using var client = Client(balancer, users[0].Token);
            while (!_stop.IsCancellationRequested)
            {
                Interlocked.Increment(ref _reads);
                var took = Stopwatch.StartNew();
                try
                {
                    var response = await client.GetAsync(path);
                    if (response.StatusCode != HttpStatusCode.OK) FailedReads.Enqueue($"{path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
                {
                    FailedReads.Enqueue($"{path}: no answer: {e.Message}");
                }
                var ticks = took.Elapsed.Ticks;
                long slowest;
                while (ticks > (slowest = Interlocked.Read(ref _slowestTicks)) && Interlocked.CompareExchange(ref _slowestTicks, ticks, slowest) != slowest) { }
                await Task.Delay(30);
            }
        }
    }
}
