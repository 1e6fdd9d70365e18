namespace DeepWorkMap.Contracts.Api;

/// <summary>The names of the hub's server-to-client events, as docs/api.md spells them.</summary>
public static class HubEvents
{
    public const string MessageReceived = "messageReceived";
    public const string ParticipantJoined = "participantJoined";
    public const string ParticipantLeft = "participantLeft";
    public const string SessionChanged = "sessionChanged";
    public const string SessionRemoved = "sessionRemoved";
    public const string RemovedFromSession = "removedFromSession";
    public const string MessageHidden = "messageHidden";
    public const string MessageChanged = "messageChanged";
    public const string SessionCancelled = "sessionCancelled";
    public const string PromotedFromWaitlist = "promotedFromWaitlist";
    public const string ParticipantCheckedIn = "participantCheckedIn";
    public const string Notification = "notification";
    public const string PhaseChanged = "phaseChanged";
    public const string GoalChanged = "goalChanged";
    public const string PresenceChanged = "presenceChanged";
    public const string ViewChanged = "viewChanged";
    public const string WaitlistPositionChanged = "waitlistPositionChanged";

    public static readonly IReadOnlyList<string> All =
        [MessageReceived, ParticipantJoined, ParticipantLeft, SessionChanged, SessionRemoved, RemovedFromSession, MessageHidden,
         SessionCancelled, PromotedFromWaitlist, ParticipantCheckedIn, Notification, PhaseChanged, GoalChanged, PresenceChanged, ViewChanged,
         WaitlistPositionChanged, MessageChanged];
}
