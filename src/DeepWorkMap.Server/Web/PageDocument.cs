using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Net.Http.Headers;

namespace DeepWorkMap.Server.Web;

/// <summary>
/// The page itself (wwwroot/index.html) as "/" serves it: each of its modules named by the fingerprinted copy
/// MapStaticAssets serves (cached for good), and an import map sending every module's plain name to that copy, so a
/// module's own imports (<c>./state.js</c>) load it too. A new release changes the names, so a browser never mixes
/// modules cached from one release with another's. The page is made once at start-up, compressed, and answered with an
/// ETag and no-cache (it is what names the release). The import map is an inline script: the page's policy admits it
/// by its hash.
/// </summary>
public sealed partial class PageDocument
{
    private readonly byte[] _plain;
    // Compressed when first asked for, not at start-up: a cold start is what a rolling restart waits for.
    private readonly Lazy<byte[]> _gzip;
    private readonly Lazy<byte[]> _brotli;
    private readonly string _etag;
    private readonly string _importMapHash;

    private PageDocument(string html, string importMap)
    {
        _plain = Encoding.UTF8.GetBytes(html);
        _gzip = new(() => Compress(stream => new GZipStream(stream, CompressionLevel.SmallestSize)));
        _brotli = new(() => Compress(stream => new BrotliStream(stream, CompressionLevel.SmallestSize)));
        _etag = $"\"{Convert.ToBase64String(SHA256.HashData(_plain))}\"";
        _importMapHash = $"'sha256-{Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(importMap)))}'";
    }

    /// <summary>The page with its module addresses fingerprinted, from the build's endpoint list (<c>*.staticwebassets.endpoints.json</c>).</summary>
    public static PageDocument Of(string html, string endpointsJson)
    {
        var copies = FingerprintedModules(endpointsJson);
        var named = ModuleAddress().Replace(html, match => copies.TryGetValue(match.Groups[1].Value, out var copy) ? $"\"{copy}\"" : match.Value);
        var importMap = JsonSerializer.Serialize(new { imports = copies });
        var first = named.IndexOf("<script type=\"module\"", StringComparison.Ordinal);
        if (first < 0) throw new InvalidOperationException("index.html has no module script to put the import map before.");
        return new PageDocument(named.Insert(first, $"<script type=\"importmap\">{importMap}</script>\n  "), importMap);
    }

    /// <summary>Each module's plain address ("/js/state.js") and its fingerprinted copy's ("/js/state.p45hhvivnh.js").</summary>
    private static SortedDictionary<string, string> FingerprintedModules(string endpointsJson)
    {
        using var document = JsonDocument.Parse(endpointsJson);
        var copies = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var endpoint in document.RootElement.GetProperty("Endpoints").EnumerateArray())
        {
            if (endpoint.GetProperty("Selectors").GetArrayLength() != 0) continue;
            var label = endpoint.GetProperty("EndpointProperties").EnumerateArray()
                .Where(property => property.GetProperty("Name").GetString() == "label")
                .Select(property => property.GetProperty("Value").GetString())
                .FirstOrDefault();
            var route = endpoint.GetProperty("Route").GetString()!;
            if (label is not null && label.StartsWith("js/", StringComparison.Ordinal) && label.EndsWith(".js", StringComparison.Ordinal) && route.EndsWith(".js", StringComparison.Ordinal))
                copies["/" + label] = "/" + route;
        }
        return copies;
    }

    /// <summary>Answers the page, compressed as the browser accepts, with 304 for an unchanged one.</summary>
    public IResult Answer(HttpContext http)
    {
        var response = http.Response;
        // SecurityHeaders set the page's policy already: the import map is admitted by its hash, and nothing else inline.
        response.Headers.ContentSecurityPolicy = response.Headers.ContentSecurityPolicy.ToString()
            .Replace("script-src 'self'", $"script-src 'self' {_importMapHash}", StringComparison.Ordinal);
        response.Headers.CacheControl = "no-cache";
        response.Headers.ETag = _etag;
        response.Headers.Vary = HeaderNames.AcceptEncoding;
        if (http.Request.Headers.IfNoneMatch.Contains(_etag)) return TypedResults.StatusCode(StatusCodes.Status304NotModified);
        var accepted = http.Request.Headers.AcceptEncoding.ToString();
        var (body, encoding) = accepted.Contains("br", StringComparison.Ordinal) ? (_brotli.Value, "br")
            : accepted.Contains("gzip", StringComparison.Ordinal) ? (_gzip.Value, "gzip") : (_plain, null);
        if (encoding is not null) response.Headers.ContentEncoding = encoding;
        return TypedResults.Bytes(body, "text/html; charset=utf-8");
    }

    private byte[] Compress(Func<Stream, Stream> compressor)
    {
        using var output = new MemoryStream();
        using (var compressing = compressor(output)) compressing.Write(_plain);
        return output.ToArray();
    }

    /// <summary>A quoted page-relative module address in an attribute: src="/js/main.js", href="/js/state.js".</summary>
    [GeneratedRegex("\"(/js/[a-z0-9-]+\\.js)\"")]
    private static partial Regex ModuleAddress();
}
