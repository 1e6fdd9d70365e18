using System.Net;
using System.Text.Json;

namespace DeepWorkMap.IntegrationTests.Infrastructure;

/// <summary>An RFC 7807 answer as a client reads it.</summary>
public sealed record Problem(HttpStatusCode Status, string? Code, string? Title, IReadOnlyDictionary<string, string[]> Errors, string ContentType)
{
    public static async Task<Problem> ReadAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        using var json = JsonDocument.Parse(body);
        var root = json.RootElement;
        var errors = new Dictionary<string, string[]>();
        if (root.TryGetProperty("errors", out var errorsElement))
        {
            foreach (var field in errorsElement.EnumerateObject())
                errors[field.Name] = field.Value.EnumerateArray().Select(e => e.GetString()!).ToArray();
        }
        return new Problem(
            response.StatusCode,
            root.TryGetProperty("code", out var code) ? code.GetString() : null,
            root.TryGetProperty("title", out var title) ? title.GetString() : null,
            errors,
            response.Content.Headers.ContentType?.MediaType ?? "");
    }

    /// <summary>Asserts the status and code of an error answer, and that it is problem+json without a stack trace.</summary>
    public static async Task<Problem> ExpectAsync(HttpResponseMessage response, HttpStatusCode status, string code)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"expected {(int)status} {code}, got {(int)response.StatusCode}: {body}");
        var problem = await ReadAsync(response);
        Assert.Equal("application/problem+json", problem.ContentType);
        Assert.Equal(code, problem.Code);
        Assert.DoesNotContain("   at ", body, StringComparison.Ordinal);
        return problem;
    }
}
