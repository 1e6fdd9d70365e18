namespace DeepWorkMap.IntegrationTests.Web;

/// <summary>
/// "Keep me signed in", silent refresh, the devices list with sign-out, and changing the password and the address, in
/// Chromium on a desktop and a phone (tests/js/devices.mjs), with the mail read from smtp4dev.
/// </summary>
public sealed class DevicesPageTests(MailingPageServerFixture fixture) : IClassFixture<MailingPageServerFixture>
{
    [Fact]
    public async Task A_kept_sign_in_survives_tabs_and_reloads_refreshes_silently_and_devices_sign_each_other_out()
    {
        await BrowserScript.RunAsync(fixture.Server, "tests/js/devices.mjs", "devices-");
    }
}
