using System.Text.Json.Serialization;

namespace DeepWorkMap.Contracts.Api;

/// <summary>docs/api.md's <c>Message</c>: a chat message with its author as they are named now; a hidden one has no content.</summary>
public sealed record MessageDto(Guid Id, Guid SessionId, long Seq, UserDto User, string Content, DateTimeOffset CreatedAt)
{
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public bool Hidden { get; init; }
}
