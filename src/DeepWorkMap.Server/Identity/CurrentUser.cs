using System.Security.Claims;

namespace DeepWorkMap.Server.Identity;

public static class CurrentUser
{
    /// <summary>The user id in a validated token's <c>sub</c> claim.</summary>
    public static Guid? IdOf(ClaimsPrincipal principal)
    {
        var sub = principal.FindFirstValue("sub") ?? principal.FindFirstValue(ClaimTypes.NameIdentifier);
        return Guid.TryParse(sub, out var id) ? id : null;
    }
}
