using System.Globalization;
using System.Reflection;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace DeepWorkMap.Server.Http;

/// <summary>
/// The contract as OpenAPI (<c>/openapi/v1.json</c>), exact where the generator alone is not: each query parameter with
/// the rules that read it (<see cref="QueryParameterAttribute"/>), the GeoJSON bodies and answers, and the health checks,
/// which are not route handlers.
/// </summary>
public static class ApiDocument
{
    public const string HealthTag = "Health";

    public static IServiceCollection AddApiDocument(this IServiceCollection services) =>
        services.AddOpenApi(options =>
        {
            options.AddOperationTransformer(DescribeQueryParameters);
            options.AddDocumentTransformer(DescribeHealth);
        });

    private static Task DescribeQueryParameters(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        foreach (var described in context.Description.ParameterDescriptions)
        {
            if (QueryAttributeOf(described) is not { } query) continue;
            var parameter = operation.Parameters?.OfType<OpenApiParameter>().FirstOrDefault(p => p.Name == described.Name && p.In == ParameterLocation.Query);
            if (parameter is null) continue;
            parameter.Description = query.Description;
            parameter.Required = query.Required;
            parameter.Schema = SchemaOf(query);
        }
        return Task.CompletedTask;
    }

    private static QueryParameterAttribute? QueryAttributeOf(Microsoft.AspNetCore.Mvc.ApiExplorer.ApiParameterDescription described) =>
        (described.ParameterDescriptor as Microsoft.AspNetCore.Mvc.Infrastructure.IParameterInfoParameterDescriptor)?.ParameterInfo.GetCustomAttribute<QueryParameterAttribute>();

    private static OpenApiSchema SchemaOf(QueryParameterAttribute query)
    {
        var schema = new OpenApiSchema
        {
            Type = query.Type switch
            {
                "number" => JsonSchemaType.Number,
                "integer" => JsonSchemaType.Integer,
                _ => JsonSchemaType.String,
            },
            Format = query.Format,
            Pattern = query.Pattern,
        };
        if (!double.IsNaN(query.Minimum))
        {
            if (query.ExclusiveMinimum) schema.ExclusiveMinimum = Number(query.Minimum);
            else schema.Minimum = Number(query.Minimum);
        }
        if (!double.IsNaN(query.Maximum)) schema.Maximum = Number(query.Maximum);
        if (query.MinLength >= 0) schema.MinLength = query.MinLength;
        if (query.MaxLength >= 0) schema.MaxLength = query.MaxLength;
        if (query.Enum is { } values) schema.Enum = values.Select(v => (JsonNode)JsonValue.Create(v)).ToList();
        if (query.Default is { } value)
            schema.Default = query.Type == "string" ? JsonValue.Create(value) : JsonNode.Parse(value);
        return schema;
    }

    private static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary><c>/health/live</c> and <c>/health/ready</c> are health-check middleware, which the generator does not see.</summary>
    private static Task DescribeHealth(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Paths ??= [];
        document.Tags ??= new HashSet<OpenApiTag>();
        document.Tags.Add(new OpenApiTag { Name = HealthTag });
        document.Paths["/health/live"] = HealthPath("Whether the process runs", "200 while the process answers: a liveness probe.", mayRefuse: false);
        document.Paths["/health/ready"] = HealthPath("Whether this process takes traffic",
            "200 while it is not draining and its silo (and PostgreSQL and Redis where configured) answer; 503 otherwise: a readiness probe.", mayRefuse: true);
        return Task.CompletedTask;
    }

    private static OpenApiPathItem HealthPath(string summary, string description, bool mayRefuse) => new()
    {
        Operations = new Dictionary<HttpMethod, OpenApiOperation>
        {
            [HttpMethod.Get] = new()
            {
                Summary = summary,
                Description = description,
                Tags = new HashSet<OpenApiTagReference> { new(HealthTag) },
                Responses = mayRefuse
                    ? new OpenApiResponses
                    {
                        ["200"] = HealthAnswer("Healthy", "Healthy"),
                        ["503"] = HealthAnswer("Not ready (draining, or a dependency does not answer)", "Unhealthy", "Degraded"),
                    }
                    : new OpenApiResponses { ["200"] = HealthAnswer("Healthy", "Healthy") },
            },
        },
    };

    private static OpenApiResponse HealthAnswer(string description, params string[] words) => new()
    {
        Description = description,
        Content = new Dictionary<string, OpenApiMediaType>
        {
            ["text/plain"] = new() { Schema = new OpenApiSchema { Type = JsonSchemaType.String, Enum = words.Select(w => (JsonNode)JsonValue.Create(w)).ToList() } },
        },
    };
}
