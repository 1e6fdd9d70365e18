using DeepWorkMap.Server.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Orleans.Runtime;
using Orleans.Serialization;

namespace DeepWorkMap.UnitTests.Hosting;

/// <summary>A grain's database failure, as Orleans carries it to a caller on another silo.</summary>
public sealed class DatabaseFailuresTests
{
    private static Serializer SerializerWith(Action<IServiceCollection> configure)
    {
        var services = new ServiceCollection().AddSerializer();
        configure(services);
        return services.BuildServiceProvider().GetRequiredService<Serializer>();
    }

    private static readonly Exception StorageFailure =
        new OrleansException("Error reading grain state", new NpgsqlException("Failed to connect to 127.0.0.1:5432"));

    [Fact]
    public void A_storage_failure_over_npgsql_crosses_silos_with_its_database_error_inside()
    {
        var serializer = SerializerWith(DatabaseFailures.CrossSilos);
        var carried = serializer.Deserialize<Exception>(serializer.SerializeToArray(StorageFailure));
        Assert.IsType<OrleansException>(carried);
        Assert.IsType<NpgsqlException>(carried.InnerException);
        Assert.Contains("Failed to connect", carried.InnerException!.Message);
    }

    [Fact]
    public void Without_it_orleans_cannot_carry_the_failure_at_all()
    {
        var serializer = SerializerWith(_ => { });
        Assert.ThrowsAny<SerializerException>(() => serializer.SerializeToArray(StorageFailure));
    }
}
