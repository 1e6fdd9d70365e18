using System.Runtime.InteropServices;

namespace DeepWorkMap.Server.Hosting;

/// <summary>
/// The host's lifetime, in place of .NET's console lifetime, which stops the host the moment SIGTERM arrives: SignalR
/// then closes every hub connection and Kestrel stops listening while the load balancer still sends requests here.
/// This one hands SIGTERM, SIGINT and SIGQUIT to <see cref="FrontDoorDrain"/>, which stops the host once the balancer
/// has had time to look elsewhere.
/// </summary>
public sealed class DrainingLifetime(FrontDoorDrain drain) : IHostLifetime, IDisposable
{
    private readonly List<PosixSignalRegistration> _signals = [];

    public Task WaitForStartAsync(CancellationToken cancellationToken)
    {
        foreach (var signal in new[] { PosixSignal.SIGTERM, PosixSignal.SIGINT, PosixSignal.SIGQUIT })
            _signals.Add(PosixSignalRegistration.Create(signal, context =>
            {
                // The runtime's default for the signal would end the process before the host has stopped.
                context.Cancel = true;
                drain.Stop();
            }));
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public void Dispose()
    {
        foreach (var signal in _signals) signal.Dispose();
        _signals.Clear();
    }
}
