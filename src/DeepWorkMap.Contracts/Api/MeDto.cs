namespace DeepWorkMap.Contracts.Api;

/// <summary>docs/api.md's <c>Me</c>: the user plus what only they see.</summary>
public sealed record MeDto(Guid Id, string Username, string DisplayName, string? AvatarUrl, string Email, DateTimeOffset CreatedAt)
{
    /// <summary>The personal calendar feed (<c>GET /api/me</c> only): secret, absolute, for calendar apps.</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public string? CalendarFeedUrl { get; init; }

    /// <summary>Whether the owner proved the address is theirs; until then the account may not host or follow.</summary>
    public bool EmailVerified { get; init; }
}
