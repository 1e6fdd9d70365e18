using System.Buffers.Text;
using DeepWorkMap.Contracts.Api;

namespace DeepWorkMap.Server.Push;

/// <summary>
/// docs/api.md's rules for a push subscription: what the browser's <c>PushSubscription.toJSON()</c> gives. The endpoint is
/// where this server will send requests, so it must look like a push service: <c>https</c> on port 443 at a named host
/// (no address literal, no <c>localhost</c>), unless it is on <c>Push:TestOrigin</c>.
/// </summary>
public static class PushSubscriptionRules
{
    public const int MaxEndpointLength = 1000;
    public const int AuthBytes = 16;

    public static PushEndpoint? Validate(PushSubscriptionRequest? request, string? testOrigin, Dictionary<string, string[]> errors)
    {
        var endpoint = Endpoint(request?.Endpoint, testOrigin, errors);
        if (!IsKey(request?.Keys?.P256dh, VapidKeys.PublicKeyBytes, uncompressedPoint: true))
            errors["keys.p256dh"] = ["keys.p256dh must be the browser's P-256 public key: 65 bytes, base64url."];
        if (!IsKey(request?.Keys?.Auth, AuthBytes, uncompressedPoint: false))
            errors["keys.auth"] = ["keys.auth must be the browser's 16-byte authentication secret, base64url."];
        return errors.Count > 0 ? null : new PushEndpoint(endpoint!, request!.Keys!.P256dh!.TrimEnd('='), request.Keys.Auth!.TrimEnd('='));
    }

    public static string? Endpoint(string? endpoint, string? testOrigin, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrEmpty(endpoint) || endpoint.Length > MaxEndpointLength || !Uri.TryCreate(endpoint, UriKind.Absolute, out var uri))
        {
            errors["endpoint"] = [$"Endpoint must be the subscription's absolute URL (at most {MaxEndpointLength} characters)."];
            return null;
        }
        var onTestOrigin = testOrigin is not null && Uri.TryCreate(testOrigin, UriKind.Absolute, out var test)
            && Uri.Compare(uri, test, UriComponents.SchemeAndServer, UriFormat.Unescaped, StringComparison.OrdinalIgnoreCase) == 0;
        var pushService = uri.Scheme == Uri.UriSchemeHttps && uri.Port == 443 && uri.UserInfo.Length == 0
            && uri.HostNameType == UriHostNameType.Dns && !uri.IsLoopback && !IsLocalhostName(uri.Host) && uri.Host.Contains('.', StringComparison.Ordinal);
        if (!onTestOrigin && !pushService)
        {
            errors["endpoint"] = ["Endpoint must be a push service's https address (port 443, a host name)."];
            return null;
        }
        return endpoint;
    }

    /// <summary><c>localhost.</c> and every name under <c>.localhost</c> are this machine too (RFC 6761, 6.3).</summary>
    private static bool IsLocalhostName(string host)
    {
        var name = host.TrimEnd('.');
        return name.Equals("localhost", StringComparison.OrdinalIgnoreCase) || name.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase);
    }

    private static bool IsKey(string? value, int bytes, bool uncompressedPoint)
    {
        if (string.IsNullOrEmpty(value) || value.Length > 200) return false;
        try
        {
            var decoded = Base64Url.DecodeFromChars(value.TrimEnd('='));
            return decoded.Length == bytes && (!uncompressedPoint || decoded[0] == 0x04);
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
