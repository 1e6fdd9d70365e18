using DeepWorkMap.Contracts.Api;

namespace DeepWorkMap.Server.Identity;

/// <summary>A row of the <c>users</c> table.</summary>
public sealed record UserAccount(
    Guid Id,
    string Email,
    string Username,
    string DisplayName,
    string PasswordHash,
    string? AvatarUrl,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    /// <summary>When the account was closed; null while it is open.</summary>
    public DateTimeOffset? ClosedAt { get; init; }

    /// <summary>When the owner proved the address is theirs, by the mailed link; null until then.</summary>
    public DateTimeOffset? EmailVerifiedAt { get; init; }

    /// <summary>Bearer tokens issued before this are refused (set when the password is reset); null: none is.</summary>
    public DateTimeOffset? TokensValidFrom { get; init; }

    public UserDto ToDto() => new(Id, Username, DisplayName, AvatarUrl);

    public MeDto ToMe() => new(Id, Username, DisplayName, AvatarUrl, Email, CreatedAt) { EmailVerified = EmailVerifiedAt is not null };
}
