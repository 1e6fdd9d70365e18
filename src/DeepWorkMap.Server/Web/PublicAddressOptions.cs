namespace DeepWorkMap.Server.Web;

/// <summary>
/// <c>Web:PublicBaseUrl</c>: the address users reach the app at (behind a load balancer, its address), from which
/// every absolute link is built (<see cref="PublicLinks"/>). Required in cluster mode on every process that serves
/// clients; embedded mode defaults to the first address it listens on.
/// </summary>
public sealed class PublicAddressOptions
{
    public const string Section = "Web";

    public const string Key = "Web:PublicBaseUrl";

    public string? PublicBaseUrl { get; set; }

    /// <summary>An absolute http(s) URL, without user info, query or fragment; unset is valid here (see the cluster-mode check).</summary>
    public bool IsValid() =>
        string.IsNullOrEmpty(PublicBaseUrl)
        || (Uri.TryCreate(PublicBaseUrl, UriKind.Absolute, out var uri)
            && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
            && uri.UserInfo.Length == 0 && uri.Query.Length == 0 && uri.Fragment.Length == 0);
}
