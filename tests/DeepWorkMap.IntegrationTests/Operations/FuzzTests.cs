using System.Collections.Concurrent;
using System.Net;
using System.Text;
using DeepWorkMap.Contracts.Api;
using DeepWorkMap.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace DeepWorkMap.IntegrationTests.Operations;

/// <summary>
/// 10,000 random and mutated requests against every endpoint, and random calls to every hub method:
/// no 5xx, no stack trace, and the server is healthy afterwards. Seeded, so a failure reproduces.
/// </summary>
public sealed class FuzzTests
{
    private static readonly string[] Methods = ["GET", "POST", "PUT", "PATCH", "DELETE"];

    private static readonly (string Method, string Path)[] Endpoints =
    [
        ("POST", "/api/auth/register"), ("POST", "/api/auth/login"), ("GET", "/api/me"), ("PATCH", "/api/me"),
        ("POST", "/api/sessions"), ("GET", "/api/sessions/{id}"), ("GET", "/api/sessions/nearby"),
        ("GET", "/api/sessions/{id}/participants"), ("POST", "/api/sessions/{id}/join"), ("POST", "/api/sessions/{id}/leave"),
        ("POST", "/api/sessions/{id}/end"), ("GET", "/api/sessions/{id}/messages"), ("POST", "/api/sessions/{id}/messages"),
        ("GET", "/health/live"), ("GET", "/health/ready"), ("GET", "/"), ("GET", "/hubs/deepwork/negotiate"), ("POST", "/hubs/deepwork/negotiate"),
    ];

    private static readonly string[] Fields =
    [
        "email", "username", "displayName", "password", "login", "avatarUrl", "title", "subject", "sessionType", "latitude",
        "longitude", "startTime", "durationMinutes", "maxParticipants", "content",
    ];

    private static readonly string[] QueryKeys = ["lat", "lng", "radiusKm", "sessionType", "subject", "status", "limit", "before", "access_token"];

    private static readonly string[] Nasty =
    [
        "", " ", "null", "-1", "0", "1e309", "NaN", "Infinity", "-Infinity", "99999999999999999999999", "1.5", "true", "[]", "{}",
        "' OR 1=1 --", "../../etc/passwd", "%00", "\u0000", "<script>alert(1)</script>", "😀📚", new string('x', 5000), "2026-13-45T99:99:99Z",
        "00000000-0000-0000-0000-000000000000", "not-a-guid", "silent", "live", "finished", "exam-prep", "\"quoted\"", "a\\b",
    ];

    [Fact]
    public async Task Ten_thousand_random_and_mutated_requests_get_no_5xx_and_no_stack_trace()
    {
        await using var server = await RunningServer.StartAsync();
        var (host, auth) = await server.SignUpAsync();
        var session = await RunningServer.CreateSessionAsync(host);
        var random = new Random(20261122);
        var requests = Enumerable.Range(0, 10_000).Select(_ => NextRequest(random, auth.Token, session.Id)).ToList();
        var failures = new ConcurrentBag<string>();
        var next = -1;

        using var client = server.CreateClient();
        await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => Task.Run(async () =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < requests.Count)
            {
                using var request = requests[i]();
                var description = $"{request.Method} {request.RequestUri}";
                using var response = await client.SendAsync(request);
                var body = await response.Content.ReadAsStringAsync();
                if ((int)response.StatusCode >= 500) failures.Add($"{(int)response.StatusCode} for {description}: {body[..Math.Min(300, body.Length)]}");
                else if (body.Contains("   at ", StringComparison.Ordinal) || body.Contains("Exception", StringComparison.Ordinal))
                    failures.Add($"internals in the answer to {description}: {body[..Math.Min(300, body.Length)]}");
            }
        })));

        Assert.True(failures.IsEmpty, $"{failures.Count} bad answers, e.g.\n" + string.Join("\n", failures.Take(10)));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/ready")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await host.GetAsync($"/api/sessions/{session.Id}")).StatusCode);
    }

    [Fact]
    public async Task Random_hub_calls_are_refused_with_codes_and_the_connection_and_server_stay_well()
    {
        await using var server = await RunningServer.StartAsync();
        var (host, auth) = await server.SignUpAsync();
        var session = await RunningServer.CreateSessionAsync(host);
        var random = new Random(7);
        string[] methods = ["SubscribeSession", "UnsubscribeSession", "SendMessage", "WatchArea", "UnwatchArea", "NoSuchMethod", "OnConnectedAsync", "Dispose"];
        object?[] values = [null, "", "not-a-guid", session.Id.ToString(), Guid.NewGuid().ToString(), 0, -1, "NaN", 1e308, 91.5, true,
            new string('x', 10_000), new[] { 1, 2, 3 }, new Dictionary<string, object> { ["a"] = 1 }, "<img src=x onerror=alert(1)>"];

        await using var connection = await server.ConnectHubAsync(auth.Token);
        for (var i = 0; i < 1000; i++)
        {
            var args = Enumerable.Range(0, random.Next(0, 4)).Select(_ => values[random.Next(values.Length)]).ToArray();
            var method = methods[random.Next(methods.Length)];
            try
            {
                await connection.InvokeCoreAsync(method, typeof(object), args);
            }
            catch (HubException e)
            {
                Assert.DoesNotContain("   at ", e.Message);
            }
            Assert.Equal(HubConnectionState.Connected, connection.State);
        }

        // Still healthy, and the hub still answers a proper call.
        using var client = server.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/ready")).StatusCode);
        var feed = await connection.InvokeAsync<SubscribeResult>("SubscribeSession", session.Id.ToString());
        Assert.Equal(session.Id, feed.Session.Id);
    }

    private static Func<HttpRequestMessage> NextRequest(Random random, string token, Guid sessionId)
    {
        var (method, template) = Endpoints[random.Next(Endpoints.Length)];
        if (random.NextDouble() < 0.1) method = Methods[random.Next(Methods.Length)];
        var id = random.Next(4) switch
        {
            0 => sessionId.ToString(),
            1 => Guid.NewGuid().ToString(),
            2 => Uri.EscapeDataString(Nasty[random.Next(Nasty.Length)]),
            _ => sessionId.ToString().ToUpperInvariant(),
        };
        var path = template.Replace("{id}", id, StringComparison.Ordinal);
        var query = string.Join("&", Enumerable.Range(0, random.Next(0, 5)).Select(_ =>
            $"{QueryKeys[random.Next(QueryKeys.Length)]}={Uri.EscapeDataString(random.NextDouble() < 0.5 ? Nasty[random.Next(Nasty.Length)] : (random.NextDouble() * 360 - 180).ToString(System.Globalization.CultureInfo.InvariantCulture))}"));
        var uri = query.Length > 0 ? $"{path}?{query}" : path;
        var body = NextBody(random);
        var contentType = random.Next(10) switch { 0 => "text/plain", 1 => "application/x-www-form-urlencoded", 2 => "application/xml", _ => "application/json" };
        var authorization = random.Next(4) switch { 0 => null, 1 => "Bearer not.a.token", 2 => $"Bearer {token}x", _ => $"Bearer {token}" };

        return () =>
        {
            var request = new HttpRequestMessage(new HttpMethod(method), uri);
            if (body is not null) request.Content = new StringContent(body, Encoding.UTF8, contentType);
            if (authorization is not null) request.Headers.TryAddWithoutValidation("Authorization", authorization);
            return request;
        };
    }

    private static string? NextBody(Random random)
    {
        switch (random.Next(8))
        {
            case 0: return null;
            case 1: return "{";
            case 2: return string.Concat(Enumerable.Repeat("[", 200)) + string.Concat(Enumerable.Repeat("]", 200));
            case 3: return Encoding.Latin1.GetString(Enumerable.Range(0, 64).Select(_ => (byte)random.Next(256)).ToArray());
            default:
                var fields = Fields.OrderBy(_ => random.Next()).Take(random.Next(1, Fields.Length)).Select(field => $"\"{field}\":{JsonValue(random)}");
                return "{" + string.Join(",", fields) + "}";
        }
    }

    private static string JsonValue(Random random) => random.Next(9) switch
    {
        0 => "null",
        1 => random.Next(-1000, 100000).ToString(System.Globalization.CultureInfo.InvariantCulture),
        2 => "1e400",
        3 => "true",
        4 => "[1,\"a\",null]",
        5 => "{\"nested\":{\"deeper\":[]}}",
        6 => System.Text.Json.JsonSerializer.Serialize(DateTimeOffset.UtcNow.AddMinutes(random.Next(-100000, 100000)).ToString("O")),
        _ => System.Text.Json.JsonSerializer.Serialize(Nasty[random.Next(Nasty.Length)]),
    };
}
