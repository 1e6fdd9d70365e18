using System.Net;
using System.Net.Sockets;

namespace DeepWorkMap.Server.Hosting;

/// <summary>
/// Refuses to start a silo on a port another process listens on. Orleans listens with <c>ReuseAddress</c>, which .NET
/// on Linux turns into SO_REUSEPORT as well: a second silo on the same port binds without an error and the kernel
/// deals connections out between the two (two embedded servers both listened on 127.0.0.1:11111, each getting some of
/// the other's traffic). This binds first the way a plain server does, and stops the process naming the key.
/// </summary>
public static class SiloPorts
{
    // Linux's values: SO_REUSEADDR without SO_REUSEPORT, so a silo restarted at once binds over its previous run's
    // connections in TIME_WAIT but not beside a socket that is listening.
    private const int SolSocket = 1;
    private const int SoReuseAddr = 2;

    public static void EnsureFree(DeploymentSettings settings)
    {
        // Where SiloSetup listens: loopback alone without Redis, else the advertised address, or every address when
        // that is not a loopback one.
        var address = settings.RedisConnectionString is null ? IPAddress.Loopback
            : IPAddress.IsLoopback(settings.AdvertisedAddress) ? settings.AdvertisedAddress
            : IPAddress.Any;
        EnsureFree(address, settings.Silo.SiloPort, nameof(SiloOptions.SiloPort));
        EnsureFree(address, settings.Silo.GatewayPort, nameof(SiloOptions.GatewayPort));
    }

    private static void EnsureFree(IPAddress address, int port, string key)
    {
        using var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        if (OperatingSystem.IsLinux()) socket.SetRawSocketOption(SolSocket, SoReuseAddr, BitConverter.GetBytes(1));
        try
        {
            socket.Bind(new IPEndPoint(address, port));
        }
        catch (SocketException e) when (e.SocketErrorCode is SocketError.AddressAlreadyInUse or SocketError.AccessDenied)
        {
            throw ValidatedOptions.Refuse<SiloOptions>(SiloOptions.Section,
                $"{SiloOptions.Section}:{key}: port {port} on {address} is already in use (another silo?); give this one its own, e.g. --{SiloOptions.Section}:{key} {port + 1}.");
        }
    }
}
