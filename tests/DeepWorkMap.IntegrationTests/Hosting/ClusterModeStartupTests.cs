using DeepWorkMap.Server.Persistence;
using DeepWorkMap.IntegrationTests.Infrastructure;
using System.Net;
using Microsoft.Extensions.Options;
using System.Net.Http.Json;

namespace DeepWorkMap.IntegrationTests.Hosting;

public sealed class ClusterModeStartupTests
{
    [Theory]
    [InlineData(null)]
    [InlineData("too-short-key")]
    public async Task Refuses_to_start_without_a_signing_key_of_32_bytes(string? key)
    {
        await using var database = await TestDatabase.CreateAsync();
        var settings = RunningServer.Durable(database);
        settings["Jwt:SigningKey"] = key;
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => RunningServer.StartAsync(settings));
        Assert.Contains("Jwt:SigningKey", error.Message);
    }

    [Fact]
    public async Task Refuses_to_start_a_front_door_without_the_address_users_reach_it_at()
    {
        await using var database = await TestDatabase.CreateAsync();
        var settings = RunningServer.Durable(database);
        settings["Web:PublicBaseUrl"] = null;
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => RunningServer.StartAsync(settings));
        Assert.Contains("Web:PublicBaseUrl is required in cluster mode", error.Message);
    }

    [Theory]
    [InlineData("frontdoor", "ConnectionStrings:Redis")]
    [InlineData("silo", "ConnectionStrings:Redis")]
    [InlineData("gateway", "is not one of")]
    public async Task A_split_role_needs_redis_and_a_known_name(string role, string said)
    {
        await using var database = await TestDatabase.CreateAsync();
        var settings = RunningServer.Durable(database);
        settings["Role"] = role;
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => RunningServer.StartAsync(settings));
        Assert.Contains(said, error.Message);
    }

    [Fact]
    public async Task Says_exactly_what_to_run_when_the_schema_is_missing()
    {
        await using var database = await TestDatabase.CreateAsync(applySchema: false);
        var settings = RunningServer.Durable(database);
        settings["Database:ApplySchemaOnStartup"] = "false";
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => RunningServer.StartAsync(settings));
        Assert.Contains("scripts/migrate.sh", error.Message);
        Assert.Contains("002_domain.sql", error.Message);
    }

    [Fact]
    public async Task Migrations_apply_once_even_when_several_silos_start_together()
    {
        await using var database = await TestDatabase.CreateAsync(applySchema: false);
        var migrations = new SchemaMigrations(database.DataSource);
        Assert.Equal(SchemaMigrations.Scripts().Select(s => s.Name), await migrations.PendingAsync());

        var applied = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => migrations.UpgradeAsync()));

        Assert.Equal(SchemaMigrations.Scripts().Select(s => s.Name), applied.SelectMany(names => names).Order());
        Assert.Empty(await migrations.PendingAsync());
        Assert.Empty(await migrations.UpgradeAsync());
        Assert.Equal(3L, await database.ScalarAsync<long>(
            "SELECT count(*) FROM OrleansQuery WHERE QueryKey IN ('WriteToStorageKey', 'ReadFromStorageKey', 'ClearStorageKey')"));
    }

    [Fact]
    public async Task Accounts_survive_a_restart_of_a_durable_server()
    {
        await using var database = await TestDatabase.CreateAsync();
        Guid id;
        await using (var first = await RunningServer.StartAsync(RunningServer.Durable(database)))
        {
            id = (await first.SignUpAsync("durable_user")).Auth.User.Id;
        }
        await using var second = await RunningServer.StartAsync(RunningServer.Durable(database));
        using var client = second.CreateClient();
        var login = await client.PostAsJsonAsync("/api/auth/login", new { login = "durable_user", password = "correct horse battery" });
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        Assert.Contains(id.ToString(), await login.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/ready")).StatusCode);
    }
}
