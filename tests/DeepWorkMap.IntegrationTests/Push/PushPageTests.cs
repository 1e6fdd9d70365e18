using DeepWorkMap.IntegrationTests.Infrastructure;
using DeepWorkMap.IntegrationTests.Web;

namespace DeepWorkMap.IntegrationTests.Push;

/// <summary>"Notify me on this device" and the service worker's push handler in Chromium (tests/js/push.mjs), at 390 and 1280 px.</summary>
public sealed class PushPageTests(DefaultServerFixture fixture) : IClassFixture<DefaultServerFixture>
{
    [Fact]
    public async Task The_control_asks_only_when_clicked_says_what_the_browser_refuses_and_the_worker_shows_a_push()
    {
        await BrowserScript.RunAsync(fixture.Server, "tests/js/push.mjs", "push-");
    }
}
