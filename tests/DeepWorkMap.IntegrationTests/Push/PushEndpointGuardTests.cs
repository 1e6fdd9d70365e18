using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using DeepWorkMap.IntegrationTests.Infrastructure;
using DeepWorkMap.Server.Push;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace DeepWorkMap.IntegrationTests.Push;

/// <summary>
/// Push endpoints that are not a push service's: a host that resolves inside this network is refused when posted, and
/// when its DNS answer changes later (rebinding) nothing is sent there and the subscription goes; a push service that
/// answers 403 (the subscription was made with a VAPID key this server no longer signs with) loses the subscription as
/// 404 and 410 do. DNS here is a stand-in that answers what an attacker's DNS server would; the connections are real.
/// </summary>
public sealed class PushEndpointGuardTests
{
    private static readonly IPAddress Public = IPAddress.Parse("93.184.215.14");

    /// <summary>The DNS an attacker runs: answers what the test sets, and the system's answer for every other host.</summary>
    private sealed class AttackerDns
    {
        public ConcurrentDictionary<string, IPAddress[]> Answers { get; } = new(StringComparer.OrdinalIgnoreCase);

        public Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken) =>
            Answers.TryGetValue(host, out var addresses) ? Task.FromResult(addresses) : Dns.GetHostAddressesAsync(host, cancellationToken);
    }

    private static Task<RunningServer> ServerAsync(AttackerDns dns, string? testOrigin = null) =>
        RunningServer.StartAsync(new Dictionary<string, string?> { ["Push:TestOrigin"] = testOrigin, ["Push:PollSeconds"] = "1" },
            builder => builder.Services.AddSingleton<PushHostResolver>(dns.ResolveAsync));

    private static object Subscription(string endpoint) =>
        new { endpoint, keys = new { p256dh = VapidKeys.Generate("mailto:a@example.org").PublicKey, auth = "AAAAAAAAAAAAAAAAAAAAAA" } };

    private static async Task<IReadOnlyList<string>> EndpointsAsync(RunningServer server, Guid userId) =>
        await server.Services.GetRequiredService<IPushSubscriptionStore>().EndpointsAsync(userId);

    [Fact]
    public async Task An_endpoint_whose_host_resolves_inside_is_refused_naming_the_endpoint()
    {
        var dns = new AttackerDns();
        dns.Answers["push.loopback.example"] = [IPAddress.Loopback];
        dns.Answers["push.metadata.example"] = [IPAddress.Parse("169.254.169.254")];
        dns.Answers["push.office.example"] = [IPAddress.Parse("10.1.2.3")];
        dns.Answers["push.ula.example"] = [IPAddress.Parse("fd00::2")];
        dns.Answers["push.mapped.example"] = [IPAddress.Parse("::ffff:192.168.1.1")];
        dns.Answers["push.mixed.example"] = [Public, IPAddress.Parse("172.20.0.1")];
        dns.Answers["push.public.example"] = [Public];
        await using var server = await ServerAsync(dns);
        var (user, auth) = await server.SignUpAsync();
        foreach (var host in new[] { "push.loopback.example", "push.metadata.example", "push.office.example", "push.ula.example", "push.mapped.example", "push.mixed.example" })
        {
            var problem = await Problem.ExpectAsync(await user.PostAsJsonAsync("/api/me/push-subscriptions", Subscription($"https://{host}/wpush/1")),
                HttpStatusCode.BadRequest, "validation_failed");
            Assert.Contains("endpoint", problem.Errors.Keys);
        }
        Assert.Equal(HttpStatusCode.NoContent, (await user.PostAsJsonAsync("/api/me/push-subscriptions", Subscription("https://push.public.example/wpush/1"))).StatusCode);
        Assert.Equal(["https://push.public.example/wpush/1"], await EndpointsAsync(server, auth.User.Id));
    }

    [Fact]
    public async Task A_host_that_resolves_inside_after_it_was_taken_is_sent_nothing_and_dropped()
    {
        await using var inside = await InsideListener.StartAsync();
        var dns = new AttackerDns();
        dns.Answers["push.rebinding.example"] = [Public];
        await using var server = await ServerAsync(dns);
        var (host, _) = await server.SignUpAsync();
        var (reader, auth) = await server.SignUpAsync();
        Assert.Equal(HttpStatusCode.NoContent, (await reader.PostAsJsonAsync("/api/me/push-subscriptions", Subscription("https://push.rebinding.example/wpush/1"))).StatusCode);

        // Taken while it answered a public address; now it answers one on this machine, where a service listens.
        dns.Answers["push.rebinding.example"] = [inside.Address];
        await PushDevices.CancelledWithAsync(host, reader);

        await Eventually.HoldsAsync(async () => inside.Connections > 0 || (await EndpointsAsync(server, auth.User.Id)).Count == 0,
            TimeSpan.FromSeconds(60), "the push tried");
        Assert.Equal(0, inside.Connections);
        Assert.Empty(await EndpointsAsync(server, auth.User.Id));
    }

    [Fact]
    public async Task A_push_service_that_answers_403_after_a_key_rotation_loses_the_subscription()
    {
        await using var rotated = await RotatedKeyPushService.StartAsync();
        await using var server = await ServerAsync(new AttackerDns(), rotated.Origin);
        var (host, _) = await server.SignUpAsync();
        var (reader, auth) = await server.SignUpAsync();
        Assert.Equal(HttpStatusCode.NoContent, (await reader.PostAsJsonAsync("/api/me/push-subscriptions", Subscription($"{rotated.Origin}/wpush/1"))).StatusCode);

        await PushDevices.CancelledWithAsync(host, reader);
        await Eventually.HoldsAsync(() => Task.FromResult(rotated.Pushes > 0), TimeSpan.FromSeconds(60), "the push tried");
        await Eventually.HoldsAsync(async () => (await EndpointsAsync(server, auth.User.Id)).Count == 0, TimeSpan.FromSeconds(30), "the subscription removed");
        Assert.Equal(1, rotated.Pushes); // removed at once, not retried
    }

    /// <summary>A service inside this machine (on a loopback address of its own, port 443): counts who connects.</summary>
    private sealed class InsideListener : IAsyncDisposable
    {
        private readonly TcpListener _listener;
        private readonly Task _accepting;
        private int _connections;

        private InsideListener(TcpListener listener)
        {
            _listener = listener;
            _accepting = Task.Run(async () =>
            {
                try
                {
                    while (true)
                    {
                        using var client = await _listener.AcceptTcpClientAsync();
                        Interlocked.Increment(ref _connections);
                    }
                }
                catch (Exception e) when (e is SocketException or ObjectDisposedException)
                {
                    // Stopped.
                }
            });
        }

        public IPAddress Address => ((IPEndPoint)_listener.LocalEndpoint).Address;

        public int Connections => Volatile.Read(ref _connections);

        /// <summary>Port 443 on a random 127.x.y.z, so that it is the port an https endpoint names and no one else's.</summary>
        public static Task<InsideListener> StartAsync()
        {
            for (var attempt = 0; ; attempt++)
            {
                var address = new IPAddress([127, (byte)Random.Shared.Next(2, 255), (byte)Random.Shared.Next(1, 255), (byte)Random.Shared.Next(1, 255)]);
                var listener = new TcpListener(address, 443);
                try
                {
                    listener.Start();
                    return Task.FromResult(new InsideListener(listener));
                }
                catch (SocketException) when (attempt < 20)
                {
                    listener.Dispose();
                }
            }
        }

        public async ValueTask DisposeAsync()
        {
            _listener.Stop();
            await _accepting;
        }
    }

    /// <summary>A push service as it answers a push signed with another VAPID key than the subscription's (FCM's 403).</summary>
    private sealed class RotatedKeyPushService : IAsyncDisposable
    {
        private readonly WebApplication _app;
        private int _pushes;

        private RotatedKeyPushService(WebApplication app, string origin)
        {
            _app = app;
            Origin = origin;
        }

        public string Origin { get; }

        public int Pushes => Volatile.Read(ref _pushes);

        public static async Task<RotatedKeyPushService> StartAsync()
        {
            var origin = $"http://localhost:{FreePort.Next()}";
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseUrls(origin);
            var app = builder.Build();
            var service = new RotatedKeyPushService(app, origin);
            app.MapPost("/wpush/{id}", () =>
            {
                Interlocked.Increment(ref service._pushes);
                return Results.Text("the VAPID credentials in the authorization header do not correspond to the credentials used to create the subscriptions.",
                    statusCode: StatusCodes.Status403Forbidden);
            });
            await app.StartAsync();
            return service;
        }

        public async ValueTask DisposeAsync() => await _app.DisposeAsync();
    }
}
