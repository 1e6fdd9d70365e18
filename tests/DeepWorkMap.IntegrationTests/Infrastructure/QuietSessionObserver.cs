using DeepWorkMap.Contracts.Chat;
using DeepWorkMap.Contracts.Live;
using DeepWorkMap.Contracts.Sessions;

namespace DeepWorkMap.IntegrationTests.Infrastructure;

/// <summary>A front door that hears a session and does nothing with it; a test overrides what it wants to record.</summary>
public class QuietSessionObserver : ISessionObserver
{
    public virtual Task MessageAccepted(ChatMessage message) => Task.CompletedTask;
    public virtual Task ParticipantJoined(MembershipChange change) => Task.CompletedTask;
    public virtual Task MessageHidden(ChatMessage hidden) => Task.CompletedTask;
    public virtual Task MessageChanged(ChatMessage changed) => Task.CompletedTask;
    public virtual Task ParticipantLeft(MembershipChange change) => Task.CompletedTask;
    public virtual Task PhaseChanged(Guid sessionId, TimerPhase? phase) => Task.CompletedTask;
    public virtual Task PresenceChanged(Guid sessionId, Guid userId, string state) => Task.CompletedTask;
    public virtual Task GoalChanged(Guid sessionId, Guid userId, SessionGoal? goal) => Task.CompletedTask;
    public virtual Task CheckedIn(Guid sessionId, Guid hostId, ParticipantEntry participant) => Task.CompletedTask;
    public virtual Task SessionChanged(SessionSnapshot session) => Task.CompletedTask;
}
