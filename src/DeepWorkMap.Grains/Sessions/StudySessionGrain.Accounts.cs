using DeepWorkMap.Contracts.Sessions;

namespace DeepWorkMap.Grains.Sessions;

/// <summary>
/// What a session does when an account it involves changes standing: while its host is suspended it is on no map
/// (the tiles, and the catalog rows they rebuild from, leave it out), and a closed account's seat or place in line
/// frees at once and its goal goes.
/// </summary>
public sealed partial class StudySessionGrain
{
    public async Task SetHostSuspended(bool suspended)
    {
        if (!Exists || state.State.HostSuspended == suspended) return;
        state.State.HostSuspended = suspended;
        await Save();
        // The catalog row says so too, and the tiles let it go or show it again; an over session is on no map anyway.
        await Publish(Snapshot());
    }

    public async Task MemberAccountClosed(Guid userId)
    {
        if (!Exists) return;
        var takesPart = state.State.Participants.ContainsKey(userId) || WaitlistPosition(userId) is not null;
        // A leave, as the user could have made it: the first in line takes the seat, and subscribers hear participantLeft.
        if (takesPart && userId != state.State.Facts!.HostId && !SessionStatuses.IsOver(Snapshot().Status))
        {
            await Leave(userId);
            return;
        }
        // A session that is over (or the closed host's own, which has ended) keeps its seats as they were, but not the goal.
        if (state.State.Participants.TryGetValue(userId, out var entry) && entry.Goal is not null)
        {
            state.State.Participants[userId] = entry with { Goal = null };
            await Save();
            _watchers.Notify(watcher => { _ = watcher.GoalChanged(Id, userId, null); });
        }
    }
}
