namespace DeepWorkMap.Contracts.Chat;

/// <summary>A page of history, newest first, or the error code that refused it.</summary>
[GenerateSerializer, Immutable, Alias("DeepWorkMap.ChatPage")]
public sealed record ChatPage(
    [property: Id(0)] IReadOnlyList<ChatMessage>? Items,
    [property: Id(1)] string? Error);
