using System.Net;
using System.Text.Json;
using DeepWorkMap.Tests.Chat;
using DeepWorkMap.Tests.Infrastructure;

namespace DeepWorkMap.Tests.Operations;

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
