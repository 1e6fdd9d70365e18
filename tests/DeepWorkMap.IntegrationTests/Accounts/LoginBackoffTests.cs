using System.Net;
using System.Net.Http.Json;
using DeepWorkMap.IntegrationTests.Infrastructure;

namespace DeepWorkMap.IntegrationTests.Accounts;

/// <summary>Failed logins are counted once for the whole cluster (in Redis), not once per front door.</summary>
public sealed class LoginBackoffTests
{
    [Fact]
    public async Task Failures_on_one_front_door_slow_the_account_down_on_the_other()
    {
        await using var doors = await TwoFrontDoors.StartAsync("logins");
        var (a, b) = (doors.A, doors.B);
        var (_, auth) = await a.SignUpAsync();

        using var onA = a.CreateClient();
        for (var i = 0; i < 5; i++)
            Assert.Equal(HttpStatusCode.Unauthorized, (await onA.PostAsJsonAsync("/api/auth/login", new { login = auth.User.Username, password = "guess " + i })).StatusCode);

        using var onB = b.CreateClient();
        await Problem.ExpectAsync(await onB.PostAsJsonAsync("/api/auth/login", new { login = auth.User.Username, password = "correct horse battery" }),
            HttpStatusCode.TooManyRequests, "rate_limited");
    }
}
