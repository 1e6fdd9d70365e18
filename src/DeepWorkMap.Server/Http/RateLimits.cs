using System.Net;
using System.Net.Sockets;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace DeepWorkMap.Server.Http;

/// <summary>
/// The endpoints' rate limits: each feature adds its policies; all of them answer the same way, 429
/// <c>rate_limited</c>. A permit count of 0 turns a policy off.
/// </summary>
public static class RateLimits
{
    public static IServiceCollection AddRateLimitAnswer(this IServiceCollection services) =>
        services.AddRateLimiter(options => options.OnRejected = async (context, _) =>
        {
            context.HttpContext.Response.StatusCode = StatusCodes.Status429TooManyRequests;
            await Refusal.RateLimited().ToProblem().ExecuteAsync(context.HttpContext);
        });

    /// <summary>
    /// A policy of <paramref name="permits"/> (read from the feature's validated options on each request) per
    /// <paramref name="window"/> per key; a null key (or 0 permits) is not limited.
    /// </summary>
    public static void AddFixedWindowPolicy<TOptions>(
        this RateLimiterOptions options, string name, Func<HttpContext, string?> key, Func<TOptions, int> permits, TimeSpan window) where TOptions : class =>
        options.AddPolicy(name, http =>
        {
            var limit = permits(http.RequestServices.GetRequiredService<IOptions<TOptions>>().Value);
            return key(http) is { } partition && limit > 0
                ? RateLimitPartition.GetFixedWindowLimiter($"{name}:{partition}", _ => new FixedWindowRateLimiterOptions { PermitLimit = limit, Window = window, QueueLimit = 0 })
                : RateLimitPartition.GetNoLimiter("");
        });

    /// <summary>
    /// The client's network, as the connection (or a trusted proxy's forwarded header) says: every per-address cap
    /// counts by it. An IPv4 address counts with its /24, an IPv6 one with its /64 (what one subscriber usually
    /// holds), so stepping through neighbouring addresses gains nothing; an IPv4-mapped IPv6 address is its IPv4.
    /// </summary>
    public static string AddressOf(HttpContext http) => http.Connection.RemoteIpAddress is { } address ? NetworkOf(address) : "unknown";

    /// <summary>The /24 (IPv4) or /64 (IPv6) holding <paramref name="address"/>, e.g. <c>203.0.113.0/24</c>.</summary>
    public static string NetworkOf(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        var bytes = address.GetAddressBytes();
        var prefix = address.AddressFamily == AddressFamily.InterNetwork ? 24 : 64;
        for (var i = prefix / 8; i < bytes.Length; i++) bytes[i] = 0;
        return $"{new IPAddress(bytes)}/{prefix}";
    }
}
