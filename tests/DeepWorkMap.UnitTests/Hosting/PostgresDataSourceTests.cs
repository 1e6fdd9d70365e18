using DeepWorkMap.Server.Persistence;

namespace DeepWorkMap.UnitTests.Hosting;

/// <summary>How the app's PostgreSQL connections are configured: statements prepared after a few uses.</summary>
public sealed class PostgresDataSourceTests
{
    [Fact]
    public void The_data_source_prepares_repeated_statements_unless_the_connection_string_says_how_many()
    {
        using var defaults = PostgresDataSource.Create("Host=localhost;Username=x");
        using var own = PostgresDataSource.Create("Host=localhost;Username=x;Max Auto Prepare=5");
        Assert.Contains($"Max Auto Prepare={PostgresDataSource.DefaultMaxAutoPrepare}", defaults.ConnectionString);
        Assert.Contains("Max Auto Prepare=5", own.ConnectionString);
        Assert.Contains("Max Auto Prepare=5", PostgresDataSource.WithAutoPrepare("Host=localhost;Username=x;Max Auto Prepare=5"));
    }
}
