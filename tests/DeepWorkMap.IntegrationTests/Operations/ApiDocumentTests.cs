using System.Net;
using System.Text.Json;
using DeepWorkMap.IntegrationTests.Chat;
using DeepWorkMap.IntegrationTests.Infrastructure;

namespace DeepWorkMap.IntegrationTests.Operations;

/// <summary>The OpenAPI document and its browsable reference, served by the front door itself.</summary>
public sealed class ApiDocumentTests(DefaultServerFixture fixture) : IClassFixture<DefaultServerFixture>
{
    [Fact]
    public async Task The_openapi_document_lists_every_rest_endpoint_of_the_contract()
    {
        using var client = fixture.Server.CreateClient();
        using var document = JsonDocument.Parse(await client.GetStringAsync("/openapi/v1.json"));
        var paths = document.RootElement.GetProperty("paths").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.EnumerateObject().Select(m => m.Name).ToHashSet());

        Assert.Contains("post", paths["/api/auth/register"]);
        Assert.Contains("post", paths["/api/auth/login"]);
        Assert.Contains("get", paths["/api/me"]);
        Assert.Contains("patch", paths["/api/me"]);
        Assert.Contains("post", paths["/api/sessions"]);
        Assert.Contains("get", paths["/api/sessions/{id}"]);
        Assert.Contains("get", paths["/api/sessions/nearby"]);
        Assert.Contains("get", paths["/api/sessions/{id}/participants"]);
        foreach (var command in new[] { "join", "leave", "end" }) Assert.Contains("post", paths[$"/api/sessions/{{id}}/{command}"]);
        Assert.Equal(new HashSet<string> { "get", "post" }, paths["/api/sessions/{id}/messages"]);
    }

    [Theory]
    [InlineData("/api/auth/register", "post", "201", "AuthResult")]
    [InlineData("/api/auth/login", "post", "200", "AuthResult")]
    [InlineData("/api/me", "get", "200", "MeDto")]
    [InlineData("/api/me", "patch", "200", "MeDto")]
    [InlineData("/api/sessions", "post", "201", "SessionDto")]
    [InlineData("/api/sessions/{id}", "get", "200", "SessionDto")]
    [InlineData("/api/sessions/nearby", "get", "200", "SessionPage")]
    [InlineData("/api/sessions/{id}/participants", "get", "200", "ParticipantDto")]
    [InlineData("/api/sessions/{id}/join", "post", "200", "SessionDto")]
    [InlineData("/api/sessions/{id}/leave", "post", "200", "SessionDto")]
    [InlineData("/api/sessions/{id}/end", "post", "200", "SessionDto")]
    [InlineData("/api/sessions/{id}/messages", "get", "200", "ItemsDtoOfMessageDto")]
    [InlineData("/api/sessions/{id}/messages", "post", "201", "MessageDto")]
    public async Task Each_endpoint_documents_its_success_schema_and_its_problems(string path, string method, string status, string schema)
    {
        using var client = fixture.Server.CreateClient();
        using var document = JsonDocument.Parse(await client.GetStringAsync("/openapi/v1.json"));
        var root = document.RootElement;
        var responses = root.GetProperty("paths").GetProperty(path).GetProperty(method).GetProperty("responses");

        var success = responses.GetProperty(status).GetProperty("content").GetProperty("application/json").GetProperty("schema");
        Assert.Contains($"#/components/schemas/{schema}", success.GetRawText());
        Assert.True(root.GetProperty("components").GetProperty("schemas").TryGetProperty(schema, out _), $"{schema} is not among the components");
        var problems = responses.EnumerateObject().Where(r => r.Name.StartsWith('4')).ToList();
        Assert.NotEmpty(problems);
        Assert.All(problems, problem => Assert.True(problem.Value.GetProperty("content").TryGetProperty("application/problem+json", out _), $"{path} {method} {problem.Name}"));
    }

    [Fact]
    public async Task The_reference_page_is_served_without_any_cdn()
    {
        using var client = fixture.Server.CreateClient();
        var page = await client.GetStringAsync("/scalar/");
        Assert.Contains("scalar.js", page);
        Assert.DoesNotContain("https://", page);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/scalar/scalar.js")).StatusCode);
    }
}
