using System.Collections.Concurrent;
using DeepWorkMap.Contracts.Api;
using DeepWorkMap.Contracts.Chat;
using DeepWorkMap.Contracts.Sessions;
using DeepWorkMap.IntegrationTests.Infrastructure;
using DeepWorkMap.IntegrationTests.Sessions;
using Orleans.Runtime;

namespace DeepWorkMap.IntegrationTests.Chat;

/// <summary>Chat on a three-silo TestCluster over real PostgreSQL, with a silo killed while people talk.</summary>
public sealed class ChatDurabilityTests
{
    [Fact]
    public async Task A_silo_killed_mid_chat_loses_no_acknowledged_message_and_seq_stays_gapless()
    {
        await using var database = await TestDatabase.CreateAsync();
        var hosts = await TestUsers.CreateAsync(database, 12);
        var sessionIds = hosts.Select(_ => Guid.NewGuid()).ToArray();
        var acknowledged = new ConcurrentBag<(Guid Session, Guid Message, long Seq)>();

        await using var cluster = await TestClusters.StartAsync(3, database);
        for (var i = 0; i < sessionIds.Length; i++)
            await cluster.GrainFactory.GetGrain<IStudySessionGrain>(sessionIds[i]).Create(SessionCommands.Valid(hosts[i]));

        using var stop = new CancellationTokenSource();
        var load = Enumerable.Range(0, 8).Select(worker => Task.Run(async () =>
        {
            var random = new Random(worker);
            while (!stop.IsCancellationRequested)
            {
                var i = random.Next(sessionIds.Length);
                var messageId = Guid.NewGuid();
                try
                {
                    var outcome = await cluster.Client.GetGrain<IStudySessionGrain>(sessionIds[i]).Send(messageId, hosts[i], $"note {messageId}");
                    if (outcome.Message is { } message) acknowledged.Add((sessionIds[i], message.Id, message.Seq));
                }
                catch (Exception e) when (e is SiloUnavailableException or TimeoutException or OrleansException or OperationCanceledException or InvalidOperationException)
                {
                    // Outcome unknown: not acknowledged, so not counted.
                }
            }
        })).ToArray();

        await Task.Delay(1500);
        var before = acknowledged.Count;
        await cluster.KillSiloAsync(cluster.SecondarySilos[0]);
        await Task.Delay(4000);
        await stop.CancelAsync();
        await Task.WhenAll(load);
        Assert.True(before > 0 && acknowledged.Count > before, $"messages must be acknowledged before ({before}) and after ({acknowledged.Count}) the kill");

        foreach (var sessionId in sessionIds)
        {
            var stored = await StoredAsync(database, sessionId);
            // Gapless: 1, 2, 3, … with no holes, and every acknowledged message among them with the seq it was given.
            Assert.Equal(Enumerable.Range(1, stored.Count).Select(i => (long)i), stored.Keys.Order());
            foreach (var ack in acknowledged.Where(a => a.Session == sessionId))
                Assert.Equal(ack.Message, stored[ack.Seq]);

            // Wherever the session lives now, it hands out its newest messages as the table holds them.
            var i = Array.IndexOf(sessionIds, sessionId);
            var page = await cluster.Client.GetGrain<IStudySessionGrain>(sessionId).History(hosts[i], null, 50);
            Assert.Equal(stored.OrderByDescending(s => s.Key).Take(50).Select(s => s.Value), page.Items!.Select(m => m.Id));
        }
    }

    [Fact]
    public async Task A_message_the_database_refuses_reaches_a_remote_caller_as_a_clean_error_and_leaves_no_gap()
    {
        await using var database = await TestDatabase.CreateAsync();
        var host = (await TestUsers.CreateAsync(database, 1))[0];
        var ghost = Guid.NewGuid(); // a participant without a users row: the chat_messages foreign key refuses their message
        var sessionId = Guid.NewGuid();
        await using var cluster = await TestClusters.StartAsync(1, database);
        var session = cluster.Client.GetGrain<IStudySessionGrain>(sessionId);
        await session.Create(SessionCommands.Valid(host));
        await session.Join(ghost);

        // The cluster client is outside the silo, so the error crosses the wire as it would to another silo.
        var refused = await Assert.ThrowsAsync<ChatNotStoredException>(() =>
            session.Send(Guid.NewGuid(), ghost, "hello?"));
        Assert.Contains("could not store", refused.Message);

        var next = await session.Send(Guid.NewGuid(), host, "still here");
        Assert.Equal(1, next.Message!.Seq);
        Assert.Equal([1L], (await StoredAsync(database, sessionId)).Keys);
    }

    private static async Task<Dictionary<long, Guid>> StoredAsync(TestDatabase database, Guid sessionId)
    {
        await using var command = database.DataSource.CreateCommand("SELECT seq, id FROM chat_messages WHERE session_id = $1");
        command.Parameters.AddWithValue(sessionId);
        var stored = new Dictionary<long, Guid>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) stored.Add(reader.GetInt64(0), reader.GetGuid(1));
        return stored;
    }
}
