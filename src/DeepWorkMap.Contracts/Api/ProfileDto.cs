namespace DeepWorkMap.Contracts.Api;

/// <summary>
/// docs/api.md's <c>Profile</c>: a user as other signed-in users see them, with their record of showing up to
/// sessions they joined (sessions that took place: checked in, or not), and who follows them.
/// </summary>
public sealed record ProfileDto(Guid Id, string Username, string DisplayName, string? AvatarUrl, int SessionsAttended, int NoShows)
{
    public int FollowerCount { get; init; }

    /// <summary>Whether the caller follows this user.</summary>
    public bool Following { get; init; }
}
