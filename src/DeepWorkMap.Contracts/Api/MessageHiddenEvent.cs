namespace DeepWorkMap.Contracts.Api;

/// <summary>The hub's <c>messageHidden</c> event: a moderator hid this message; clients drop its content.</summary>
public sealed record MessageHiddenEvent(Guid SessionId, Guid MessageId, long Seq);
