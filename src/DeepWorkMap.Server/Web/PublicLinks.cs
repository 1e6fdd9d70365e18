using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace DeepWorkMap.Server.Web;

/// <summary>
/// Absolute links that leave the app (a calendar feed's address, a session's page in a calendar file), built from
/// <c>Web:PublicBaseUrl</c> and never from the request: its Host header is whatever the caller chose to send, and a
/// link built from it would point the user (and their secret feed address) at someone else's server.
/// </summary>
public sealed class PublicLinks(IOptions<PublicAddressOptions> options, IServer server)
{
    private Uri? _base;

    /// <summary>The configured address, or else (embedded mode) the first one this server listens on; ends with a slash.</summary>
    public Uri Base => _base ??= WithTrailingSlash(options.Value.PublicBaseUrl is { Length: > 0 } configured ? new Uri(configured) : Listening());

    /// <summary>The personal calendar feed's address (its token is its only key).</summary>
    public string CalendarFeed(string token) => new Uri(Base, $"api/calendar/{Uri.EscapeDataString(token)}.ics").AbsoluteUri;

    /// <summary>The page opened on a session.</summary>
    public string SessionPage(Guid sessionId) => new Uri(Base, $"?session={sessionId}").AbsoluteUri;

    /// <summary>The page, verifying the address the link was mailed to.</summary>
    public string VerifyEmail(string token) => new Uri(Base, $"?verify={Uri.EscapeDataString(token)}").AbsoluteUri;

    /// <summary>The page's form for a new password.</summary>
    public string PasswordReset(string token) => new Uri(Base, $"?reset={Uri.EscapeDataString(token)}").AbsoluteUri;

    /// <summary>The page's form that takes an account back to the address it left.</summary>
    public string UndoEmailChange(string token) => new Uri(Base, $"?undo-email={Uri.EscapeDataString(token)}").AbsoluteUri;

    /// <summary>Kestrel's first address; a wildcard host (<c>http://+:80</c>, <c>0.0.0.0</c>) is reached on this machine as localhost.</summary>
    private Uri Listening()
    {
        var address = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault()
            ?? throw new InvalidOperationException($"The server listens on no address yet; set {PublicAddressOptions.Key}.");
        var builder = new UriBuilder(address.Replace("://+", "://localhost", StringComparison.Ordinal).Replace("://*", "://localhost", StringComparison.Ordinal));
        if (builder.Host is "0.0.0.0" or "[::]" or "::") builder.Host = "localhost";
        return builder.Uri;
    }

    private static Uri WithTrailingSlash(Uri uri) => uri.AbsolutePath.EndsWith('/') ? uri : new UriBuilder(uri) { Path = uri.AbsolutePath + "/" }.Uri;
}
