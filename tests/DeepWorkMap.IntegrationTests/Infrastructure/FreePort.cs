using System.Net;
using System.Net.Sockets;

namespace DeepWorkMap.IntegrationTests.Infrastructure;

/// <summary>
/// Ports for servers the tests start. They come from below the kernel's ephemeral range (32768 and up on
/// Linux), where outgoing connections take their local ports: a port found free there can be taken by a
/// client socket before the server binds it. Each port is handed out once per test run.
/// </summary>
public static class FreePort
{
    private const int First = 20000;
    private const int Last = 32000;
    private static int _next = First + Random.Shared.Next(Last - First);

    public static int Next()
    {
        for (var attempt = 0; attempt < Last - First; attempt++)
        {
            var candidate = First + (Interlocked.Increment(ref _next) - First) % (Last - First);
            if (IsFree(candidate)) return candidate;
        }
        throw new InvalidOperationException($"No free port between {First} and {Last}.");
    }

    private static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
