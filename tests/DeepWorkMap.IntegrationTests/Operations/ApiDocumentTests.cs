using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
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

    /// <summary>
    /// docs/api.md's table of query parameters and the document agree both ways: an endpoint that reads a parameter the
    /// document does not list (or lists one the contract does not have) fails here, with its type and whether it is required.
    /// </summary>
    [Fact]
    public async Task Every_query_parameter_of_the_contract_is_in_the_document_with_its_type_rule_and_whether_it_is_required()
    {
        var documented = ContractQueryParameters();
        Assert.NotEmpty(documented);
        using var client = fixture.Server.CreateClient();
        using var document = JsonDocument.Parse(await client.GetStringAsync("/openapi/v1.json"));

        var described = new Dictionary<(string Call, string Name), JsonElement>();
        foreach (var path in document.RootElement.GetProperty("paths").EnumerateObject())
            foreach (var operation in path.Value.EnumerateObject())
                if (operation.Value.TryGetProperty("parameters", out var parameters))
                    foreach (var parameter in parameters.EnumerateArray().Where(p => p.GetProperty("in").GetString() == "query"))
                        described[($"{operation.Name.ToUpperInvariant()} {path.Name}", parameter.GetProperty("name").GetString()!)] = parameter.Clone();

        Assert.Equal(documented.Keys.Order().Select(k => $"{k.Call} ?{k.Name}"), described.Keys.Order().Select(k => $"{k.Call} ?{k.Name}"));
        foreach (var ((call, name), (type, required)) in documented)
        {
            var parameter = described[(call, name)];
            Assert.True(parameter.TryGetProperty("description", out var description) && description.GetString()!.Length > 0, $"{call} ?{name} has no description");
            Assert.Equal((type, required), (parameter.GetProperty("schema").GetProperty("type").GetString(), parameter.TryGetProperty("required", out var r) && r.GetBoolean()));
        }
    }

    [Fact]
    public async Task Numbers_carry_their_bounds_and_choices_their_values()
    {
        using var client = fixture.Server.CreateClient();
        using var document = JsonDocument.Parse(await client.GetStringAsync("/openapi/v1.json"));
        var nearby = document.RootElement.GetProperty("paths").GetProperty("/api/sessions/nearby").GetProperty("get").GetProperty("parameters").EnumerateArray()
            .ToDictionary(p => p.GetProperty("name").GetString()!, p => p.GetProperty("schema"));

        Assert.Equal(("-90", "90"), (nearby["lat"].GetProperty("minimum").GetRawText(), nearby["lat"].GetProperty("maximum").GetRawText()));
        Assert.Equal(("0", "100"), (nearby["radiusKm"].GetProperty("exclusiveMinimum").GetRawText(), nearby["radiusKm"].GetProperty("maximum").GetRawText()));
        Assert.Equal(("1", "200", "50"), (nearby["limit"].GetProperty("minimum").GetRawText(), nearby["limit"].GetProperty("maximum").GetRawText(), nearby["limit"].GetProperty("default").GetRawText()));
        Assert.Equal(new[] { "silent", "discussion", "exam-prep" }, nearby["sessionType"].GetProperty("enum").EnumerateArray().Select(e => e.GetString()));
    }

    /// <summary>A parameter read from the query by hand would be invisible to the document: every one is bound.</summary>
    [Fact]
    public void No_endpoint_reads_the_query_string_by_hand()
    {
        var server = Path.Combine(RepositoryRoot.Path, "src", "DeepWorkMap.Server");
        // Hand-written source only: the request delegate generator's code reads the query by design, and lands in obj/
        // when a build emits generated files (EmitCompilerGeneratedFiles).
        var readers = Directory.EnumerateFiles(server, "*.cs", SearchOption.AllDirectories)
            .Where(file => Path.GetRelativePath(server, file).Split(Path.DirectorySeparatorChar)[0] is not ("obj" or "bin"))
            .SelectMany(file => File.ReadLines(file).Select(line => (File: Path.GetRelativePath(server, file), Line: line)))
            .Where(l => Regex.IsMatch(l.Line, @"\.Query\s*\[|\.Query\.(TryGetValue|ContainsKey|Keys)|GetQueryParameter") && !l.Line.Contains("\"access_token\""))
            .Select(l => $"{l.File}: {l.Line.Trim()}");
        Assert.Empty(readers);
    }

    [Fact]
    public async Task The_searches_describe_their_geojson_and_the_area_its_polygon()
    {
        using var client = fixture.Server.CreateClient();
        using var document = JsonDocument.Parse(await client.GetStringAsync("/openapi/v1.json"));
        var paths = document.RootElement.GetProperty("paths");

        foreach (var (path, method) in new[] { ("/api/sessions/nearby", "get"), ("/api/sessions/in-view", "get"), ("/api/sessions/in-area", "post") })
        {
            var ok = paths.GetProperty(path).GetProperty(method).GetProperty("responses").GetProperty("200").GetProperty("content");
            var collection = ok.GetProperty("application/geo+json").GetProperty("schema");
            Assert.Equal("FeatureCollection", collection.GetProperty("properties").GetProperty("type").GetProperty("enum")[0].GetString());
            Assert.True(ok.TryGetProperty("application/json", out _), path);
        }
        var body = paths.GetProperty("/api/sessions/in-area").GetProperty("post").GetProperty("requestBody");
        Assert.True(body.GetProperty("required").GetBoolean());
        foreach (var mediaType in new[] { "application/json", "application/geo+json" })
        {
            var polygon = body.GetProperty("content").GetProperty(mediaType).GetProperty("schema");
            Assert.Equal("Polygon", polygon.GetProperty("properties").GetProperty("type").GetProperty("enum")[0].GetString());
            Assert.Equal("array", polygon.GetProperty("properties").GetProperty("coordinates").GetProperty("type").GetString());
        }
    }

    [Fact]
    public async Task Health_and_the_page_settings_are_in_the_document()
    {
        using var client = fixture.Server.CreateClient();
        using var document = JsonDocument.Parse(await client.GetStringAsync("/openapi/v1.json"));
        var paths = document.RootElement.GetProperty("paths");

        foreach (var path in new[] { "/health/live", "/health/ready" })
        {
            var responses = paths.GetProperty(path).GetProperty("get").GetProperty("responses");
            Assert.Equal("Healthy", responses.GetProperty("200").GetProperty("content").GetProperty("text/plain").GetProperty("schema").GetProperty("enum")[0].GetString());
            Assert.Equal(path == "/health/ready", responses.TryGetProperty("503", out _));
        }
        Assert.Equal("Healthy", await client.GetStringAsync("/health/live"));
        var config = paths.GetProperty("/app-config.json").GetProperty("get").GetProperty("responses").GetProperty("200").GetProperty("content").GetProperty("application/json");
        Assert.Contains("#/components/schemas/PageConfig", config.GetRawText());
    }

    /// <summary>A body's optional fields (api.md's "?" and "optional") are not required in the document.</summary>
    [Theory]
    [InlineData("CreateSessionRequest", "maxParticipants")]
    [InlineData("CreateSessionRequest", "timer")]
    [InlineData("CreateReportRequest", "details")]
    [InlineData("JoinRequest", "inviteCode")]
    [InlineData("ResolveReportRequest", "resolution")]
    [InlineData("GoalDto", "done")]
    [InlineData("PreferencesDto", "reminderMinutes")]
    [InlineData("PreferencesDto", "timeZone")]
    [InlineData("PreferencesDto", "homeArea")]
    public async Task Optional_body_fields_are_not_required(string schema, string field)
    {
        using var client = fixture.Server.CreateClient();
        using var document = JsonDocument.Parse(await client.GetStringAsync("/openapi/v1.json"));
        var shape = document.RootElement.GetProperty("components").GetProperty("schemas").GetProperty(schema);
        Assert.True(shape.GetProperty("properties").TryGetProperty(field, out _), $"{schema} has no {field}");
        var required = shape.TryGetProperty("required", out var list) ? list.EnumerateArray().Select(e => e.GetString()).ToList() : [];
        Assert.DoesNotContain(field, required);
    }

    /// <summary>docs/api.md's "Query parameters" table: (METHOD path, name) → (type, required).</summary>
    private static Dictionary<(string Call, string Name), (string Type, bool Required)> ContractQueryParameters()
    {
        var lines = File.ReadAllLines(Path.Combine(RepositoryRoot.Path, "docs", "api.md"));
        var start = Array.IndexOf(lines, "### Query parameters");
        Assert.True(start >= 0, "docs/api.md has no \"### Query parameters\" section");
        var row = new Regex(@"^\| `(?<call>[A-Z]+ [^`]+)` \| `(?<name>[A-Za-z]+)` \| (?<type>string|number|integer) \| (?<required>yes|no) \|");
        return lines.Skip(start + 1).TakeWhile(line => !line.StartsWith('#')).Select(line => row.Match(line)).Where(m => m.Success)
            .ToDictionary(m => (m.Groups["call"].Value, m.Groups["name"].Value), m => (m.Groups["type"].Value, m.Groups["required"].Value == "yes"));
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
