using Orleans.Serialization;

namespace DeepWorkMap.Server.Hosting;

/// <summary>
/// A database failure inside a grain reaches its caller on another silo or front door as itself. Orleans serializes only
/// exceptions of the namespaces it knows (Microsoft, System, Azure): an <c>NpgsqlException</c>, often the inner one of
/// a storage failure, failed the whole answer with a codec error, which the front door could only call a 500. Carried
/// over, it is what it is on the silo: 503 <c>unavailable</c>, like a local one (<see cref="Http.ApiExceptionHandler"/>).
/// </summary>
public static class DatabaseFailures
{
    public static void CrossSilos(IServiceCollection services) =>
        services.Configure<ExceptionSerializationOptions>(options => options.SupportedNamespacePrefixes.Add("Npgsql"));
}
