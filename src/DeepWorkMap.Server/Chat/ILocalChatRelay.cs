using DeepWorkMap.Contracts.Chat;
using DeepWorkMap.Contracts.Live;

namespace DeepWorkMap.Server.Chat;

/// <summary>
/// This front door's relay of sessions' messages to its own hub subscribers (Realtime's <c>SessionRelay</c>). A message
/// sent through this front door is relayed here from the session's answer, and the session pushes it to the other
/// front doors only: the push back to the sender's own front door was a second Orleans hop per message for what the
/// answer already carries.
/// </summary>
public interface ILocalChatRelay
{
    /// <summary>The reference the session grains push to, which a send names so the grain skips it.</summary>
    ISessionObserver Observer { get; }

    /// <summary>A message the session accepted from a sender here: relayed as a push would be (in seq order, once).</summary>
    void Relay(ChatMessage message);
}
