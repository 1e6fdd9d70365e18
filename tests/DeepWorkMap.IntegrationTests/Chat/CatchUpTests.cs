using DeepWorkMap.Contracts.Sessions;
using DeepWorkMap.IntegrationTests.Infrastructure;
using DeepWorkMap.IntegrationTests.Sessions;

namespace DeepWorkMap.IntegrationTests.Chat;

/// <summary>
/// How a front door that missed pushes catches up: it asks the session for the messages after the last one it relayed.
/// The answer must start right after that seq, with no hole, even while people go on sending (one TestCluster silo
/// over real PostgreSQL, so a catch-up older than the session's last 50 is read from the log).
/// </summary>
public sealed class CatchUpTests
{
    [Fact]
    public async Task Messages_after_a_seq_come_back_from_the_next_seq_on_without_a_hole_while_sends_go_on()
    {
        await using var database = await TestDatabase.CreateAsync();
        var host = (await TestUsers.CreateAsync(database, 1))[0];
        await using var cluster = await TestClusters.StartAsync(1, database);
        var session = cluster.GrainFactory.GetGrain<IStudySessionGrain>(Guid.NewGuid());
        Assert.Null((await session.Create(SessionCommands.Valid(host))).Error);
        for (var i = 0; i < 80; i++) Assert.NotNull((await session.Send(Guid.NewGuid(), host, $"before {i}")).Message);

        for (var round = 0; round < 40; round++)
        {
            // A front door 60 messages behind (more than the session holds in memory) asks while ten more are being sent.
            var sends = Enumerable.Range(0, 10).Select(i => session.Send(Guid.NewGuid(), host, $"round {round}, {i}")).ToList();
            var last = (await session.History(host, null, 1)).Items![0].Seq;
            var after = last - 60;
            var answer = await session.MessagesAfter(after);
            Assert.NotEmpty(answer);
            Assert.Equal(Enumerable.Range(1, answer.Count).Select(i => after + i), answer.Select(m => m.Seq));
            foreach (var send in sends) Assert.NotNull((await send).Message);
        }
    }
}
