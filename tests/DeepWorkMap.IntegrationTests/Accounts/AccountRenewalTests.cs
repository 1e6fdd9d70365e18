using System.Collections.Concurrent;
using DeepWorkMap.Contracts.Accounts;
using DeepWorkMap.Contracts.Sessions;
using DeepWorkMap.Contracts.Users;
using DeepWorkMap.IntegrationTests.Infrastructure;

namespace DeepWorkMap.IntegrationTests.Accounts;

/// <summary>
/// A front door renews each connected user's account registration with one call (<see cref="IAccountGrain.Renew"/>): it
/// must register as <see cref="IAccountGrain.Watch"/> does and answer what <see cref="IAccountGrain.Hidden"/> does.
/// </summary>
public sealed class AccountRenewalTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task A_renewal_registers_the_front_door_and_answers_whom_the_user_hides()
    {
        await using var cluster = await TestClusters.StartAsync(1);
        var (userId, blocker) = (Guid.NewGuid(), Guid.NewGuid());
        var account = cluster.Client.GetGrain<IAccountGrain>(userId);
        var frontDoor = new RecordingFrontDoor();
        var reference = cluster.Client.CreateObjectReference<IAccountObserver>(frontDoor);

        Assert.Empty(await account.Renew(reference));
        await account.BlockedBy(blocker, blocked: true);
        Assert.Equal([blocker], await account.Renew(reference));
        Assert.Equal(await account.Hidden(), await account.Renew(reference));

        var sessionId = Guid.NewGuid();
        await account.WaitlistPositionChanged(sessionId, 3);
        await Eventually.HoldsAsync(() => Task.FromResult(frontDoor.Heard.Count == 1), Patience, "the push to the renewed front door");
        Assert.Equal([(userId, sessionId, 3)], frontDoor.Heard);
    }

    private sealed class RecordingFrontDoor : IAccountObserver
    {
        private readonly ConcurrentQueue<(Guid, Guid, int)> _heard = new();

        public IReadOnlyList<(Guid UserId, Guid SessionId, int Position)> Heard => [.. _heard];

        public Task WaitlistPositionChanged(Guid userId, Guid sessionId, int position)
        {
            _heard.Enqueue((userId, sessionId, position));
            return Task.CompletedTask;
        }

        public Task AccountClosed(Guid userId) => Task.CompletedTask;

        public Task DevicesSignedOut(Guid userId, IReadOnlyList<Guid> deviceIds) => Task.CompletedTask;

        public Task PromotedFromWaitlist(Guid userId, SessionSnapshot session) => Task.CompletedTask;

        public Task Notified(Notification notification) => Task.CompletedTask;
    }
}
