namespace DeepWorkMap.Server.Http;

/// <summary>
/// Headers that keep the page and the API from being framed, sniffed or leaking where they came from, and
/// answers that carry tokens, the caller's own account or what only some may see of a session from being cached.
/// </summary>
public static class SecurityHeaders
{
    /// <summary>The map page loads only its own scripts; tiles may come from a configured https tile server.</summary>
    private const string PagePolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: https:; " +
        "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    /// <summary>The OpenAPI reference (Scalar) runs inline scripts and styles of its own.</summary>
    private const string ReferencePolicy =
        "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
        "font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

    public static void UseSecurityHeaders(this WebApplication app) => app.Use((http, next) =>
    {
        var headers = http.Response.Headers;
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "no-referrer";
        headers.XFrameOptions = "DENY";
        headers.ContentSecurityPolicy = http.Request.Path.StartsWithSegments("/scalar") ? ReferencePolicy : PagePolicy;
        if (IsPrivate(http.Request.Path)) headers.CacheControl = "no-store";
        return next(http);
    });

    /// <summary>
    /// Answers no cache may keep: tokens and the caller's own account (<c>/api/auth</c>, <c>/api/me</c>), and everything
    /// about sessions and series, whose answers carry venues, invite codes, messages and participants to those allowed
    /// them (a session, its chat, its participants, every command's answer, its calendar file). Decided by path, here
    /// only, so an answer added under these paths later is covered too, and so are its refusals.
    /// </summary>
    private static bool IsPrivate(PathString path) =>
        path.StartsWithSegments("/api/auth") || path.StartsWithSegments("/api/me")
        || path.StartsWithSegments("/api/sessions") || path.StartsWithSegments("/api/series")
        || path.StartsWithSegments("/api/calendar") || path.StartsWithSegments("/api/moderation");
}
