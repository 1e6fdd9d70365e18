using DeepWorkMap.Contracts.Api;

namespace DeepWorkMap.Contracts.Chat;

/// <summary>
/// One accepted chat message, exactly API.md's <c>Message</c>. <see cref="Seq"/> is 1, 2, 3, … per
/// session in the order the session accepted them; content is stored and returned verbatim.
/// </summary>
[GenerateSerializer, Immutable, Alias("DeepWorkMap.ChatMessage")]
public sealed record ChatMessage(
    [property: Id(0)] Guid Id,
    [property: Id(1)] Guid SessionId,
    [property: Id(2)] long Seq,
    [property: Id(3)] UserDto User,
    [property: Id(4)] string Content,
    [property: Id(5)] DateTimeOffset CreatedAt);
