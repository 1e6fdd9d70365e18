using DeepWorkMap.Contracts.Sessions;

namespace DeepWorkMap.Grains.Sessions;

/// <summary>
/// <c>Sessions:ActiveJoinsPerUser</c>: a seat or a place in line here takes one of the user's places
/// (<see cref="IJoinQuotaGrain"/>), asked for last, just before the user is admitted; leaving gives it back.
/// </summary>
public sealed partial class StudySessionGrain
{
    /// <summary>Whether the user may take one more place (always, with the cap off).</summary>
    private async Task<bool> TakePlace(Guid userId)
    {
        var cap = participation.Value.ActiveJoinsPerUser;
        return cap <= 0 || (await GrainFactory.GetGrainFast<IJoinQuotaGrain>(userId).Take([Id], cap)).Count == 1;
    }

    private void GiveBackPlace(Guid userId)
    {
        if (participation.Value.ActiveJoinsPerUser > 0) GrainFactory.GetGrainFast<IJoinQuotaGrain>(userId).Release(Id).Ignore();
    }

    public Task<bool> Holds(Guid userId) => Task.FromResult(
        Exists && !SessionStatuses.IsOver(Snapshot().Status)
        && (state.State.Participants.TryGetValue(userId, out var entry) ? entry.Role != ParticipantRoles.Host : WaitlistPosition(userId) is not null));
}
