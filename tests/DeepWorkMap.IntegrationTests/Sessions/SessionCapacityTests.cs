using DeepWorkMap.Contracts;
using DeepWorkMap.Contracts.Sessions;
using DeepWorkMap.IntegrationTests.Infrastructure;

namespace DeepWorkMap.IntegrationTests.Sessions;

/// <summary>The session grain as the single writer: capacity holds under any concurrency, across 3 silos.</summary>
public sealed class SessionCapacityTests
{
    [Fact]
    public async Task A_thousand_concurrent_joins_into_ten_seats_admit_exactly_nine()
    {
        await using var cluster = await TestClusters.StartAsync(3);
        var id = Guid.NewGuid();
        var hostId = Guid.NewGuid();
        var session = cluster.GrainFactory.GetGrain<IStudySessionGrain>(id);
        await session.Create(SessionCommands.Valid(hostId, maxParticipants: 10));

        // Each call goes through the client's gateways to whichever silo holds the activation.
        var users = Enumerable.Range(0, 1000).Select(_ => Guid.NewGuid()).ToArray();
        var outcomes = await Task.WhenAll(users.Select(user => cluster.Client.GetGrain<IStudySessionGrain>(id).Join(user)));

        var admitted = users.Where((_, i) => outcomes[i].Error is null).ToArray();
        Assert.Equal(9, admitted.Length);
        Assert.Equal(991, outcomes.Count(o => o.Error == ErrorCodes.SessionFull));
        Assert.Equal(10, (await session.Get())!.CurrentParticipants);

        // Joining again changes nothing, for those inside; those refused are still refused.
        foreach (var user in admitted) Assert.Null((await session.Join(user)).Error);
        Assert.Equal(ErrorCodes.SessionFull, (await session.Join(users.Except(admitted).First())).Error);
        var participants = (await session.GetParticipants())!;
        Assert.Equal(10, participants.Count);
        Assert.Equal(hostId, participants[0].UserId);
        Assert.Equal(admitted.ToHashSet(), participants.Skip(1).Select(p => p.UserId).ToHashSet());
    }

    [Fact]
    public async Task A_user_who_left_may_rejoin_while_there_is_room()
    {
        await using var cluster = await TestClusters.StartAsync(3);
        var session = cluster.GrainFactory.GetGrain<IStudySessionGrain>(Guid.NewGuid());
        await session.Create(SessionCommands.Valid(Guid.NewGuid(), maxParticipants: 2));
        var (alice, bob) = (Guid.NewGuid(), Guid.NewGuid());

        Assert.Null((await session.Join(alice)).Error);
        Assert.Equal(ErrorCodes.SessionFull, (await session.Join(bob)).Error);
        Assert.Equal(1, (await session.Leave(alice)).Session!.CurrentParticipants);
        Assert.Equal(2, (await session.Join(bob)).Session!.CurrentParticipants);
        Assert.Equal(ErrorCodes.SessionFull, (await session.Join(alice)).Error);
        await session.Leave(bob);
        Assert.Null((await session.Join(alice)).Error);
    }

    [Fact]
    public async Task Concurrent_joins_and_leaves_never_exceed_capacity()
    {
        await using var cluster = await TestClusters.StartAsync(3);
        var id = Guid.NewGuid();
        await cluster.GrainFactory.GetGrain<IStudySessionGrain>(id).Create(SessionCommands.Valid(Guid.NewGuid(), maxParticipants: 5));
        var users = Enumerable.Range(0, 50).Select(_ => Guid.NewGuid()).ToArray();

        var counts = await Task.WhenAll(users.Select(async user =>
        {
            var seen = new List<int>();
            for (var round = 0; round < 5; round++)
            {
                var grain = cluster.Client.GetGrain<IStudySessionGrain>(id);
                seen.Add(((await grain.Join(user)).Session ?? (await grain.Get())!).CurrentParticipants);
                seen.Add((await grain.Leave(user)).Session!.CurrentParticipants);
            }
            return seen;
        }));

        Assert.All(counts.SelectMany(c => c), count => Assert.InRange(count, 1, 5));
        Assert.Equal(1, (await cluster.GrainFactory.GetGrain<IStudySessionGrain>(id).Get())!.CurrentParticipants);
    }
}
