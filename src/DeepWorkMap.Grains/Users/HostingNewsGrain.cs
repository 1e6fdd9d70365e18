using DeepWorkMap.Contracts.Accounts;
using DeepWorkMap.Contracts.Sessions;
using DeepWorkMap.Contracts.Users;
using Microsoft.Extensions.Logging;
using Orleans.Placement;

namespace DeepWorkMap.Grains.Users;

[GenerateSerializer, Alias("DeepWorkMap.HostingNewsState")]
public sealed class HostingNewsState
{
    [Id(0)] public SessionSnapshot? Session { get; set; }

    /// <summary>Followers are told in id order; this is the last one told.</summary>
    [Id(1)] public Guid After { get; set; }

    [Id(2)] public bool Done { get; set; }
}

/// <summary>
/// Fans a new session out to its host's followers in batches of <see cref="BatchSize"/>: each batch is one query for the
/// followers whose home area holds the session, one insert into their inboxes, and a push to those connected. When the
/// first query finds fewer than a batch, they are told before <see cref="Announce"/> answers and nothing is recorded,
/// because the session asks again until it has the answer and the inbox keeps one notice however often it is sent; that
/// is most sessions. A longer job is recorded, and its Orleans reminder registered, before anyone is told, then told
/// batch by batch with its position recorded after each: a silo that dies at any point leaves a job its reminder resumes.
/// It is placed beside the session that announces it: the first query is on that call's path, and nothing is gained by a hop.
/// </summary>
[PreferLocalPlacementAttribute]
public sealed partial class HostingNewsGrain(
    [PersistentState("hosting-news", StorageNames.Default)] IPersistentState<HostingNewsState> state,
    IFollowStore follows,
    INotificationStore inbox,
    Clock clock,
    ILogger<HostingNewsGrain> logger) : Grain, IHostingNewsGrain, IRemindable
{
    public const int BatchSize = 1000;
    private const string ResumeReminder = "resume";
    private bool _running;

    public async Task Announce(SessionSnapshot session)
    {
        if (state.State.Session is null)
        {
            var news = session with { Venue = null, InviteCode = null, Description = null, Mine = null };
            var first = await FollowersAfterAsync(news, Guid.Empty, CancellationToken.None);
            if (first.Count < BatchSize)
            {
                // Done before answering: no state, no reminder. A reminder registered and dropped within a second still
                // leaves Orleans' reminder service an entry (a stopped task and its cancellation sources) until its next
                // read of the reminder table, minutes later: ~0.7 KB a new session in a burst of creates.
                await TellAsync(news, first, CancellationToken.None);
                DeactivateOnIdle();
                return;
            }
            // Recorded before anyone is told: were the first batch told first, a silo dying before the record and the
            // reminder were written would leave the rest untold until the session happened to wake and ask again.
            state.State.Session = news;
            await state.WriteStateAsync();
        }
        if (state.State.Done) return;
        // Also when the job was recorded before: a silo that died between the record and the reminder left no reminder,
        // and the session, unanswered, asks again.
        await this.RegisterOrUpdateReminder(ResumeReminder, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1));
        // The answer goes back now; the other batches follow in later turns of this activation.
        this.RegisterGrainTimer(RunAsync, new GrainTimerCreationOptions(TimeSpan.Zero, Timeout.InfiniteTimeSpan) { KeepAlive = true });
    }

    public Task ReceiveReminder(string reminderName, TickStatus status) => RunAsync(CancellationToken.None);

    /// <summary>The next batch of followers to tell, in id order after <paramref name="after"/>.</summary>
    private Task<IReadOnlyList<Guid>> FollowersAfterAsync(SessionSnapshot session, Guid after, CancellationToken cancellationToken) =>
        follows.FollowersNearAsync(session.HostId, session.Latitude, session.Longitude, after, BatchSize, cancellationToken);

    /// <summary>Their inboxes, and a push to each told.</summary>
    private async Task TellAsync(SessionSnapshot session, IReadOnlyList<Guid> batch, CancellationToken cancellationToken)
    {
        var notice = new Notice(NotificationKinds.FollowedHostHosting, session.Id, "hosting", $"New session: {session.Title}",
            $"Someone you follow is hosting {session.Subject} near your home area.", session.Id, session.StartTime);
        var stored = await inbox.AddManyAsync(batch, notice, clock.GetUtcNow(), cancellationToken);
        foreach (var told in stored) GrainFactory.GetGrainFast<IAccountGrain>(told.UserId).Notified(told).Ignore();
        DeepWorkMetrics.Notifications.Add(stored.Count);
    }

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        if (_running || state.State.Session is not { } session) return;
        _running = true;
        try
        {
            while (!state.State.Done)
            {
                var batch = await FollowersAfterAsync(session, state.State.After, cancellationToken);
                await TellAsync(session, batch, cancellationToken);
                if (batch.Count > 0) state.State.After = batch[^1];
                state.State.Done = batch.Count < BatchSize;
                await state.WriteStateAsync();
            }
            if (await this.GetReminder(ResumeReminder) is { } reminder) await this.UnregisterReminder(reminder);
            DeactivateOnIdle(); // the job is done; a grain per new session would otherwise stay in memory until collected
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            LogFailed(logger, session.Id, e);
        }
        finally
        {
            _running = false;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Telling the followers of session {SessionId}'s host failed; the reminder resumes it")]
    private static partial void LogFailed(ILogger logger, Guid sessionId, Exception exception);
}
