using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using DeepWorkMap.Contracts.Api;
using DeepWorkMap.IntegrationTests.Infrastructure;

namespace DeepWorkMap.IntegrationTests.Chat;

/// <summary>
/// One durable silo process on PostgreSQL with a slow disk, many people chatting at once so group commits are always
/// in flight with more messages queued behind them, killed with SIGKILL while sends wait for theirs. Every acknowledged message must be in <c>chat_messages</c> under its seq,
/// none twice, seq gapless; the silo started again carries on from the last stored seq.
/// </summary>
[Trait("Category", "SiloProcesses")]
public sealed class GroupCommitKillTests
{
    private const int Hosts = 6;
    private const int SessionsPerHost = 4;
    private const int Senders = 48;

    [Fact]
    public async Task A_silo_killed_mid_group_commit_loses_no_acknowledged_message_and_stores_none_twice()
    {
        await using var database = await TestDatabase.CreateAsync();
        var clusterId = "commit-" + Guid.NewGuid().ToString("N")[..8];
        // The senders share a few accounts and outrun the per-user chat budget on purpose.
        await using var silo = SiloProcess.Create("commit-kill", database, clusterId, environment: new Dictionary<string, string>
        {
            ["Chat__Burst"] = "100000",
            ["Chat__MessagesPerSecond"] = "100000",
        });
        silo.Start();
        await silo.WaitReadyAsync(TimeSpan.FromSeconds(90));
        // A slow disk: every INSERT into the chat log takes 50 ms more, so each group commit is in flight long enough,
        // with messages queued behind it, for the kill to land in the middle of one.
        await using (var slowDisk = database.DataSource.CreateCommand("""
            CREATE FUNCTION slow_chat_commit() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN PERFORM pg_sleep(0.05); RETURN NULL; END $$;
            CREATE TRIGGER slow_chat_commit AFTER INSERT ON chat_messages FOR EACH STATEMENT EXECUTE FUNCTION slow_chat_commit();
            """))
        {
            await slowDisk.ExecuteNonQueryAsync();
        }

        var hosts = await Task.WhenAll(Enumerable.Range(0, Hosts).Select(i => silo.SignUpAsync($"gc{i}{clusterId[^6..]}")));
        var sessions = new List<(Guid Id, AuthResult Host)>();
        foreach (var host in hosts)
        {
            using var client = silo.CreateClient(host.Token);
            for (var k = 0; k < SessionsPerHost; k++) sessions.Add(((await CreateAsync(client)).Id, host));
        }

        var acknowledged = new ConcurrentBag<(Guid Session, Guid Id, long Seq, string Content)>();
        var waiting = 0;
        var waitingAtKill = -1;
        using var stop = new CancellationTokenSource();
        var senders = Enumerable.Range(0, Senders).Select(w => Task.Run(async () =>
        {
            var (sessionId, host) = sessions[w % sessions.Count];
            using var client = silo.CreateClient(host.Token);
            for (var n = 0; !stop.IsCancellationRequested; n++)
            {
                var content = $"sender {w} message {n}";
                Interlocked.Increment(ref waiting);
                try
                {
                    var response = await client.PostAsJsonAsync($"/api/sessions/{sessionId}/messages", new { content }, stop.Token);
                    if (response.StatusCode != HttpStatusCode.Created) continue;
                    var message = (await response.Content.ReadFromJsonAsync<MessageDto>(stop.Token))!;
                    acknowledged.Add((sessionId, message.Id, message.Seq, content));
                }
                catch (Exception e) when (e is HttpRequestException or OperationCanceledException)
                {
                    // Outcome unknown (the silo died under it): not acknowledged, so not counted.
                    return;
                }
                finally
                {
                    Interlocked.Decrement(ref waiting);
                }
            }
        })).ToArray();

        // Kill once a good many messages are stored and while sends are waiting for their commit.
        await Eventually.HoldsAsync(() => Task.FromResult(acknowledged.Count >= 300 && Volatile.Read(ref waiting) >= Senders / 2),
            TimeSpan.FromSeconds(60), "300 messages acknowledged and half the senders waiting");
        waitingAtKill = Volatile.Read(ref waiting);
        silo.Kill();
        await stop.CancelAsync();
        await Task.WhenAll(senders);
        Assert.True(waitingAtKill > 0, "the kill came while sends were waiting for their commit");
        // The dead silo's last statement may still be running in PostgreSQL, which finishes (and commits) it before it
        // notices the client is gone: read the log once nothing but this test's own idle connections is left.
        await Eventually.HoldsAsync(async () => await database.ScalarAsync<long>(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() AND state <> 'idle'") == 0,
            TimeSpan.FromSeconds(30), "the killed silo's statements finished in PostgreSQL");

        var stored = await StoredAsync(database);
        AssertEachSessionsSeqGapless(stored, sessions);
        var storedById = stored.ToDictionary(s => s.Id);
        foreach (var ack in acknowledged)
        {
            Assert.True(storedById.TryGetValue(ack.Id, out var row), $"acknowledged message {ack.Id} ({ack.Content}) is lost");
            Assert.Equal((ack.Session, ack.Seq, ack.Content), (row.Session, row.Seq, row.Content));
        }
        // Each send stored at most once: a retry under the same id after a write that landed must not add a second row.
        Assert.Empty(stored.GroupBy(s => s.Content).Where(g => g.Count() > 1).Select(g => g.Key));

        // Started again, the silo carries on after the last stored seq of each session.
        silo.Start();
        await silo.WaitReadyAsync(TimeSpan.FromSeconds(90));
        foreach (var (sessionId, host) in sessions.Take(3))
        {
            using var client = silo.CreateClient(host.Token);
            var response = await client.PostAsJsonAsync($"/api/sessions/{sessionId}/messages", new { content = "after the restart" });
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            var message = (await response.Content.ReadFromJsonAsync<MessageDto>())!;
            Assert.Equal(stored.Count(s => s.Session == sessionId) + 1, message.Seq);
        }
        AssertEachSessionsSeqGapless(await StoredAsync(database), sessions);
    }

    private static void AssertEachSessionsSeqGapless(List<(Guid Session, long Seq, Guid Id, string Content)> stored, List<(Guid Id, AuthResult Host)> sessions)
    {
        foreach (var (sessionId, _) in sessions)
        {
            var bySeq = stored.Where(s => s.Session == sessionId).ToDictionary(s => s.Seq, s => s.Id);
            Assert.Equal(Enumerable.Range(1, bySeq.Count).Select(i => (long)i), bySeq.Keys.Order());
        }
    }

    private static async Task<SessionDto> CreateAsync(HttpClient host)
    {
        var response = await host.PostAsJsonAsync("/api/sessions", new
        {
            title = "Group commit", subject = "Durability", sessionType = "discussion", latitude = 52.37, longitude = 4.9,
            startTime = DateTimeOffset.UtcNow.ToString("O"), durationMinutes = 120,
        });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<SessionDto>())!;
    }

    private static async Task<List<(Guid Session, long Seq, Guid Id, string Content)>> StoredAsync(TestDatabase database)
    {
        await using var command = database.DataSource.CreateCommand("SELECT session_id, seq, id, content FROM chat_messages");
        var stored = new List<(Guid, long, Guid, string)>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) stored.Add((reader.GetGuid(0), reader.GetInt64(1), reader.GetGuid(2), reader.GetString(3)));
        return stored;
    }
}
