using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Options;

namespace DeepWorkMap.Server.Push;

/// <summary>Looks up a host's addresses: the system's DNS (a test stands in for a DNS server that answers what it likes).</summary>
public delegate Task<IPAddress[]> PushHostResolver(string host, CancellationToken cancellationToken);

/// <summary>A push endpoint's host resolved only to addresses inside (<see cref="PushAddresses"/>): nothing is sent there.</summary>
public sealed class PushEndpointInsideException(string host) : IOException($"The push endpoint's host {host} resolves only to addresses inside this network.");

/// <summary>
/// Keeps pushes from reaching inside this network (SSRF): a subscription whose endpoint's host resolves there is refused
/// when it is posted, and since DNS can answer differently later, every connection the deliverer opens goes only to
/// the public addresses its host resolves to then. Only <c>Push:TestOrigin</c> (a local stand-in) is exempt.
/// </summary>
public sealed class PushEndpointGuard(PushHostResolver resolve, IOptions<PushOptions> options)
{
    /// <summary>How long a subscription waits on DNS: past this it is taken, and the connection's own check still holds.</summary>
    private static readonly TimeSpan LookupTimeout = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Whether the endpoint's host resolves to any address inside. A host that does not resolve now is not refused: it
    /// reaches nothing, and each push looks it up again.
    /// </summary>
    public async Task<bool> ResolvesInsideAsync(Uri endpoint, CancellationToken cancellationToken)
    {
        if (IsTestOrigin(endpoint.Host, endpoint.Port)) return false;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(LookupTimeout);
        try
        {
            return (await resolve(endpoint.IdnHost, timeout.Token)).Any(address => !PushAddresses.IsPublic(address));
        }
        catch (Exception e) when (e is SocketException || e is OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    /// <summary>The deliverer's <see cref="SocketsHttpHandler.ConnectCallback"/>: connects only to the host's public addresses, as resolved now.</summary>
    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var (host, port) = (context.DnsEndPoint.Host, context.DnsEndPoint.Port);
        var addresses = IsTestOrigin(host, port) ? await resolve(host, cancellationToken) : (await resolve(host, cancellationToken)).Where(PushAddresses.IsPublic).ToArray();
        if (addresses.Length == 0) throw new PushEndpointInsideException(host);
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(addresses, port, cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private bool IsTestOrigin(string host, int port) =>
        options.Value.TestOrigin is { } origin && Uri.TryCreate(origin, UriKind.Absolute, out var test)
        && string.Equals(test.Host, host, StringComparison.OrdinalIgnoreCase) && test.Port == port;
}
