using DeepWorkMap.Server.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace DeepWorkMap.UnitTests.Hosting;

/// <summary>Settings read while the host is built: the defaults, and a wrong value refused with the key that holds it.</summary>
public sealed class DeploymentSettingsTests
{
    private static DeploymentSettings From(params (string Key, string Value)[] values) =>
        DeploymentSettings.From(new ConfigurationBuilder().AddInMemoryCollection(values.ToDictionary(v => v.Key, v => (string?)v.Value)).Build());

    [Fact]
    public void Without_connection_strings_it_is_embedded_mode_with_the_documented_defaults()
    {
        var settings = From();
        Assert.False(settings.IsDurable);
        Assert.Equal(("deepwork-map", "deepwork-map", 11111, 30000, 2.0),
            (settings.Silo.ClusterId, settings.Silo.ServiceId, settings.Silo.SiloPort, settings.Silo.GatewayPort, settings.Silo.ProbeTimeoutSeconds));
        Assert.Equal(System.Net.IPAddress.Loopback, settings.AdvertisedAddress);
        Assert.True(settings.ApplySchemaOnStartup);
        Assert.False(settings.ExportsTelemetry);
    }

    [Theory]
    [InlineData("Orleans:SiloPort", "70000")]
    [InlineData("Orleans:GatewayPort", "0")]
    [InlineData("Orleans:ProbeTimeoutSeconds", "0")]
    public void An_out_of_range_value_is_refused_naming_its_key(string key, string value)
    {
        var error = Assert.Throws<OptionsValidationException>(() => From((key, value)));
        Assert.Contains(key, error.Message);
    }

    [Theory]
    [InlineData("http://0.0.0.0:8080")]
    [InlineData("http://*:8080")]
    [InlineData("http://+:80")]
    [InlineData("http://[::]:8080")]
    [InlineData("http://localhost:5000;https://127.0.0.1:5001")]
    [InlineData("http://unix:/tmp/deepwork.sock")]
    public void Every_address_form_kestrel_listens_on_is_accepted(string urls) => From(("urls", urls));

    [Theory]
    [InlineData("notaurl")]
    [InlineData("http://127.0.0.1:808O")]
    [InlineData("http://:8080")]
    [InlineData("http://0.0.0.0:8080;127.0.0.1:9000")]
    public void An_address_kestrel_would_misread_or_refuse_is_refused_naming_urls(string urls)
    {
        var error = Assert.Throws<OptionsValidationException>(() => From(("urls", urls)));
        Assert.Contains("urls: '", error.Message);
    }

    [Fact]
    public void A_connection_string_npgsql_cannot_read_is_refused_without_repeating_any_of_it()
    {
        var error = Assert.Throws<OptionsValidationException>(() => From(("ConnectionStrings:Postgres", "Host=db;Password=se;cret=9")));
        Assert.Contains("ConnectionStrings:Postgres", error.Message);
        Assert.DoesNotContain("cret", error.Message);
    }

    [Fact]
    public void An_advertised_address_that_is_not_an_ip_is_refused()
    {
        var error = Assert.Throws<OptionsValidationException>(() => From(("Orleans:AdvertisedIP", "silo-1.local")));
        Assert.Contains("Orleans:AdvertisedIP", error.Message);
    }

    [Theory]
    [InlineData("RateLimits:ChatBurst", "Chat:Burst")]
    [InlineData("RateLimits:ChatMessagesPerSecond", "Chat:MessagesPerSecond")]
    [InlineData("RateLimits:LoginFailuresBeforeDelay", "Accounts:LoginFailuresBeforeDelay")]
    [InlineData("RateLimits:PasswordResetsPerAddressPerHour", "Accounts:PasswordResetsPerAddressPerHour")]
    [InlineData("Limits:AnonymousSearchesPerAddressPerMinute", "Sessions:AnonymousSearchesPerAddressPerMinute")]
    [InlineData("Limits:SearchesPerUserPerMinute", "Sessions:SearchesPerUserPerMinute")]
    [InlineData("Limits:SessionsCreatedPerHostPerHour", "Sessions:SessionsCreatedPerHostPerHour")]
    [InlineData("Limits:ActiveSessionsPerHost", "Sessions:ActiveSessionsPerHost")]
    [InlineData("Limits:ActiveSeriesPerHost", "Sessions:ActiveSeriesPerHost")]
    [InlineData("Limits:ActiveJoinsPerUser", "Sessions:ActiveJoinsPerUser")]
    [InlineData("Limits:SignupsPerAddressPerHour", "Accounts:SignupsPerAddressPerHour")]
    [InlineData("Limits:ReportsPerUserPerHour", "Moderation:ReportsPerUserPerHour")]
    [InlineData("Limits:HubConnectionsPerUser", "Realtime:HubConnectionsPerUser")]
    [InlineData("Limits:MapWatchesPerConnectionPerMinute", "Realtime:MapWatchesPerConnectionPerMinute")]
    public void A_key_of_an_old_section_is_refused_naming_its_new_name(string oldKey, string newKey)
    {
        var error = Assert.Throws<OptionsValidationException>(() => From((oldKey, "7")));
        var said = Assert.Single(error.Failures);
        Assert.StartsWith($"{oldKey}: ", said);
        Assert.Contains(newKey, said);
    }

    [Theory]
    [InlineData("RateLimits:SomethingElse")]
    [InlineData("Limits:SomethingElse")]
    public void An_unknown_key_of_an_old_section_is_refused_too(string oldKey)
    {
        var error = Assert.Throws<OptionsValidationException>(() => From((oldKey, "7")));
        Assert.StartsWith($"{oldKey}: ", Assert.Single(error.Failures));
    }

    [Fact]
    public void Every_old_key_set_at_once_is_named_each_on_its_own_line()
    {
        var error = Assert.Throws<OptionsValidationException>(() => From(("RateLimits:ChatBurst", "7"), ("Limits:ActiveSessionsPerHost", "7")));
        Assert.Equal(["Limits:ActiveSessionsPerHost", "RateLimits:ChatBurst"], error.Failures.Select(f => f[..f.IndexOf(": ", StringComparison.Ordinal)]).Order());
    }

    [Fact]
    public void The_new_sections_start_without_complaint()
    {
        From(("Chat:Burst", "50"), ("Accounts:LoginFailuresBeforeDelay", "3"), ("Accounts:SignupsPerAddressPerHour", "3"),
            ("Sessions:ActiveSessionsPerHost", "3"), ("Moderation:ReportsPerUserPerHour", "3"), ("Realtime:HubConnectionsPerUser", "3"));
    }

    [Theory]
    [InlineData(null, HostRole.All)]
    [InlineData("all", HostRole.All)]
    [InlineData(" Silo ", HostRole.Silo)]
    [InlineData("FRONTDOOR", HostRole.FrontDoor)]
    public void The_role_is_read_as_a_typed_option_in_any_case(string? name, HostRole role)
    {
        var values = new List<(string, string)> { ("ConnectionStrings:Postgres", "Host=db"), ("ConnectionStrings:Redis", "redis:6379") };
        if (name is not null) values.Add(("Role", name));
        var settings = From([.. values]);
        Assert.Equal(role, settings.Role);
        Assert.Equal((role != HostRole.FrontDoor, role != HostRole.Silo), (settings.HostsGrains, settings.ServesClients));
    }

    [Theory]
    [InlineData("gateway")]
    [InlineData("")]
    [InlineData("1")]
    public void An_unknown_role_is_refused_naming_the_key_and_the_roles(string name)
    {
        var error = Assert.Throws<OptionsValidationException>(() => From(("Role", name)));
        Assert.Equal($"Role: '{name}' is not one of all, silo, frontdoor.", Assert.Single(error.Failures));
    }

    [Fact]
    public void A_split_role_without_redis_is_refused_naming_what_it_needs()
    {
        var error = Assert.Throws<OptionsValidationException>(() => From(("Role", "silo"), ("ConnectionStrings:Postgres", "Host=db")));
        Assert.StartsWith("Role: silo splits the app across processes", Assert.Single(error.Failures));
    }
}
