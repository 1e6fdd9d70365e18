using System.Net;
using DeepWorkMap.Contracts.Sessions;
using DeepWorkMap.IntegrationTests.Infrastructure;
using Orleans.Runtime;

namespace DeepWorkMap.IntegrationTests.Sessions;

/// <summary>Ids from outside that name nothing cost nothing lasting: answered 404, they leave no grain activation behind.</summary>
public sealed class UnknownIdsTests
{
    [Fact]
    public async Task Looking_up_sessions_series_and_users_that_never_existed_leaves_no_activation()
    {
        await using var server = await RunningServer.StartAsync();
        var (signedIn, _) = await server.SignUpAsync();
        using var anonymous = server.CreateClient();
        var grains = server.Services.GetRequiredService<IGrainFactory>();
        var management = grains.GetGrain<IManagementGrain>(0);
        async Task<int[]> ActivationsAsync()
        {
            var statistics = await management.GetSimpleGrainStatistics();
            return [.. new[] { "StudySessionGrain", "SeriesGrain", "AccountGrain" }.Select(type =>
                statistics.Where(s => s.GrainType.Split(',')[0].EndsWith("." + type, StringComparison.Ordinal)).Sum(s => s.ActivationCount))];
        }
        // The caller's own account grain is woken by its first signed-in request: count from after it.
        Assert.Equal(HttpStatusCode.OK, (await signedIn.GetAsync("/api/me")).StatusCode);
        var before = await ActivationsAsync();

        for (var i = 0; i < 100; i++)
        {
            Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"/api/sessions/{Guid.NewGuid()}")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"/api/series/{Guid.NewGuid()}")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await signedIn.PostAsync($"/api/sessions/{Guid.NewGuid()}/join", null)).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await signedIn.GetAsync($"/api/sessions/{Guid.NewGuid()}/participants")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await signedIn.PostAsync($"/api/series/{Guid.NewGuid()}/join", null)).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await signedIn.GetAsync($"/api/users/{Guid.NewGuid()}")).StatusCode);
        }

        // Deactivation follows the answer: give it a moment, and none of the 600 look-ups may still hold an activation.
        await Eventually.HoldsAsync(async () => (await ActivationsAsync()).Zip(before).All(pair => pair.First <= pair.Second),
            TimeSpan.FromSeconds(30), $"the activations of unknown ids going away: {string.Join(", ", await ActivationsAsync())} against {string.Join(", ", before)} before");

        // An id once looked up is still free to be created.
        var id = Guid.NewGuid();
        Assert.Null(await grains.GetGrain<IStudySessionGrain>(id).View(null, null));
        var created = await grains.GetGrain<IStudySessionGrain>(id).Create(SessionCommands.Valid(Guid.NewGuid()));
        Assert.Null(created.Error);
        Assert.NotNull(await grains.GetGrain<IStudySessionGrain>(id).View(null, null));
    }
}
