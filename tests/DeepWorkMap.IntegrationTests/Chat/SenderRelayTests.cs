using System.Collections.Concurrent;
using DeepWorkMap.Contracts.Chat;
using DeepWorkMap.Contracts.Live;
using DeepWorkMap.Contracts.Sessions;
using DeepWorkMap.IntegrationTests.Infrastructure;
using DeepWorkMap.IntegrationTests.Sessions;

namespace DeepWorkMap.IntegrationTests.Chat;

/// <summary>
/// A front door relays a message sent through it from the session's answer, so the session pushes it to the other front
/// doors only; a send from a front door that does not say so (a previous release's) still goes to every watcher.
/// </summary>
public sealed class SenderRelayTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task A_message_is_pushed_to_every_watching_front_door_but_the_one_it_was_sent_through()
    {
        await using var cluster = await TestClusters.StartAsync(1);
        var (host, guest) = (Guid.NewGuid(), Guid.NewGuid());
        var session = cluster.Client.GetGrain<IStudySessionGrain>(Guid.NewGuid());
        Assert.Null((await session.Create(SessionCommands.Valid(host, start: DateTimeOffset.UtcNow.AddMinutes(-1)))).Error);
        Assert.Null((await session.Join(guest)).Error);
        var (sender, other) = (new RecordingFrontDoor(), new RecordingFrontDoor());
        var senderReference = cluster.Client.CreateObjectReference<ISessionObserver>(sender);
        await session.Watch(senderReference, new Dictionary<Guid, PresenceReport>());
        await session.Watch(cluster.Client.CreateObjectReference<ISessionObserver>(other), new Dictionary<Guid, PresenceReport>());

        var relayed = (await session.SendRelayedBy(Guid.NewGuid(), guest, "through the sender's door", senderReference)).Message!;
        var everywhere = (await session.Send(Guid.NewGuid(), host, "from a door that relays nothing itself")).Message!;

        await Eventually.HoldsAsync(() => Task.FromResult(other.Heard.Count == 2 && sender.Heard.Count == 1), Patience, "both pushes at the other door, one at the sender's");
        await Task.Delay(500); // room for a push back to the sender's door to show up
        Assert.Equal([relayed, everywhere], other.Heard.OrderBy(m => m.Seq));
        Assert.Equal([everywhere], sender.Heard);
    }

    private sealed class RecordingFrontDoor : QuietSessionObserver
    {
        private readonly ConcurrentQueue<ChatMessage> _heard = new();

        public IReadOnlyList<ChatMessage> Heard => [.. _heard];

        public override Task MessageAccepted(ChatMessage message)
        {
            _heard.Enqueue(message);
            return Task.CompletedTask;
        }
    }
}
