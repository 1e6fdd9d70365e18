using DeepWorkMap.Contracts;
using DeepWorkMap.Contracts.Chat;

namespace DeepWorkMap.Grains.Chat;

/// <summary>
/// docs/api.md's rules for changing a sent message: only its sender, only while it stands (not deleted, not hidden by a
/// moderator), and only for a while after sending, so a conversation cannot be rewritten long after others answered it.
/// </summary>
public static class MessageEdits
{
    /// <summary>How long after sending its sender may edit or delete a message.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(15);

    /// <summary>Why <paramref name="userId"/> may not change <paramref name="message"/> at <paramref name="now"/>, or null when they may.</summary>
    public static string? Refusal(ChatMessage message, Guid userId, DateTimeOffset now)
    {
        // A hidden message shows nobody its words; to its sender it is as gone as one that never was.
        if (message.Hidden) return ErrorCodes.NotFound;
        if (message.UserId != userId) return ErrorCodes.NotAuthor;
        if (message.Deleted) return ErrorCodes.MessageDeleted;
        if (now - message.CreatedAt > Window) return ErrorCodes.EditWindowClosed;
        return null;
    }
}
