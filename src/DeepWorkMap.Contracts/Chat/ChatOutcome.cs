namespace DeepWorkMap.Contracts.Chat;

/// <summary>The answer to a send: the stored message, or the error code that refused it.</summary>
[GenerateSerializer, Immutable, Alias("DeepWorkMap.ChatOutcome")]
public sealed record ChatOutcome(
    [property: Id(0)] ChatMessage? Message,
    [property: Id(1)] string? Error)
{
    public static ChatOutcome Ok(ChatMessage message) => new(message, null);
    public static ChatOutcome Fail(string error) => new(null, error);
}
