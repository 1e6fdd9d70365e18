using System.ComponentModel.DataAnnotations;

namespace DeepWorkMap.Server.Chat;

/// <summary>The chat token bucket per user (across sessions and front doors), from the <c>RateLimits</c> section.</summary>
public sealed class ChatLimits
{
    public const string Section = "RateLimits";

    [Range(1, int.MaxValue)] public int ChatBurst { get; set; } = 20;

    [Range(1, int.MaxValue)] public int ChatMessagesPerSecond { get; set; } = 5;
}
