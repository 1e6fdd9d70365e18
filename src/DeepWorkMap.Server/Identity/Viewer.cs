using System.Security.Claims;

namespace DeepWorkMap.Server.Identity;

/// <summary>
/// Who is looking, as far as the front door decides what they see: anonymous callers see no user names.
/// Whether a caller sees a session's venue is its grain's decision (participants only; see IStudySessionGrain.View).
/// </summary>
public sealed record Viewer(bool SignedIn)
{
    public static readonly Viewer Anonymous = new(false);

    /// <summary>A signed-in caller: every hub connection, and every call that needs a token.</summary>
    public static readonly Viewer Member = new(true);

    public static Viewer Of(ClaimsPrincipal user) => CurrentUser.IdOf(user) is null ? Anonymous : Member;
}
