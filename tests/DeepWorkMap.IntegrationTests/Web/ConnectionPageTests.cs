using DeepWorkMap.IntegrationTests.Infrastructure;

namespace DeepWorkMap.IntegrationTests.Web;

/// <summary>
/// The hub's reconnect in Chromium (tests/js/reconnect.mjs): a page whose connection drops tries again while offline,
/// backing off, and once back shows every message said meanwhile (more than a subscription's 50 recent) once, in order.
/// </summary>
public sealed class ReconnectPageTests(DefaultServerFixture fixture) : IClassFixture<DefaultServerFixture>
{
    [Fact]
    public async Task A_page_back_from_a_dropped_connection_shows_what_was_said_meanwhile_once_in_order()
    {
        await BrowserScript.RunAsync(fixture.Server, "tests/js/reconnect.mjs", "reconnect-");
    }
}

/// <summary>
/// A page in a background tab (tests/js/background-tab.mjs): it starts without animation frames and opens its linked
/// session; messages that arrive while it is hidden are marked read only once it is seen.
/// </summary>
public sealed class BackgroundTabPageTests(DefaultServerFixture fixture) : IClassFixture<DefaultServerFixture>
{
    [Fact]
    public async Task A_page_opened_in_the_background_starts_and_reads_nothing_until_seen()
    {
        await BrowserScript.RunAsync(fixture.Server, "tests/js/background-tab.mjs", "background-");
    }
}
