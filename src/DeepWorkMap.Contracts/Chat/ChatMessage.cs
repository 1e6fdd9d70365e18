namespace DeepWorkMap.Contracts.Chat;

/// <summary>
/// One accepted chat message as the session grain and the chat log hold it: the author by id only, so a
/// message always shows its author's current name (the front door names them; see Api/MessageDto).
/// <see cref="Seq"/> is 1, 2, 3, … per session in the order the session accepted them; content is stored
/// and returned verbatim. A message a moderator hid keeps its place (its seq) with no content; so does one its
/// sender deleted. <see cref="EditedAt"/> is when its sender last edited (or deleted) it.
/// </summary>
[GenerateSerializer, Immutable, Alias("DeepWorkMap.ChatMessage")]
public sealed record ChatMessage(
    [property: Id(0)] Guid Id,
    [property: Id(1)] Guid SessionId,
    [property: Id(2)] long Seq,
    [property: Id(3)] Guid UserId,
    [property: Id(4)] string Content,
    [property: Id(5)] DateTimeOffset CreatedAt,
    [property: Id(6)] bool Hidden = false,
    [property: Id(7)] DateTimeOffset? EditedAt = null,
    [property: Id(8)] bool Deleted = false)
{
    /// <summary>The message as its sender changed it: new words, or (with null) deleted, its words gone.</summary>
    public ChatMessage Changed(string? content, DateTimeOffset at) =>
        content is null ? this with { Content = "", Deleted = true, EditedAt = at } : this with { Content = content, EditedAt = at };

    /// <summary>The message as it shows once hidden: in its place, without its words.</summary>
    public ChatMessage AsHidden() => this with { Content = "", Hidden = true };
}
