using System.Text.RegularExpressions;
using DeepWorkMap.Contracts;
using DeepWorkMap.Server.Http;

namespace DeepWorkMap.UnitTests.Http;

/// <summary>One way to refuse: every refusal, REST and hub, is an entry of <see cref="Refusal"/>, shown the same way.</summary>
public sealed class RefusalTableTests
{
    [Fact]
    public void A_hub_refusal_is_its_code_then_its_message()
    {
        Assert.Equal("unauthorized: A valid token is required.", Refusal.Unauthorized("A valid token is required.").ToHubException().Message);
        Assert.Equal("validation_failed: sessionId must be a UUID string.", Refusal.Invalid("sessionId must be a UUID string.").ToHubException().Message);
        Assert.Equal("limit_reached: This account holds as many live connections as it may; close one first.",
            Refusal.LimitReached("This account holds as many live connections as it may; close one first.").ToHubException().Message);
        Assert.Equal("validation_failed: One or more fields are invalid. State must be active or away.",
            Refusal.Validation("state", "State must be active or away.").ToHubException().Message);
    }

    [Fact]
    public void A_rest_refusal_carries_its_status_code_and_fields()
    {
        var problem = Refusal.Validation("limit", "limit must be a whole number from 1 to 200.").ToProblem();
        Assert.Equal((400, "One or more fields are invalid."), (problem.StatusCode, problem.ProblemDetails.Title));
        Assert.Equal(ErrorCodes.ValidationFailed, problem.ProblemDetails.Extensions["code"]);
        Assert.Equal(["limit must be a whole number from 1 to 200."], ((IDictionary<string, string[]>)problem.ProblemDetails.Extensions["errors"]!)["limit"]);

        Assert.Equal((409, ErrorCodes.LimitReached), (Refusal.LimitReached("x").Status, Refusal.LimitReached("x").Code));
        Assert.Equal((403, ErrorCodes.InvalidCredentials), (Refusal.WrongPassword.Status, Refusal.WrongPassword.Code));
        Assert.Equal((401, ErrorCodes.InvalidCredentials), (Refusal.InvalidCredentials.Status, Refusal.InvalidCredentials.Code));
        Assert.Equal((404, ErrorCodes.NotFound, "The session was not found."), (Refusal.NotFound("The session").Status, Refusal.NotFound("The session").Code, Refusal.NotFound("The session").Message));
    }

    /// <summary>A problem, a hub error or a refusal of its own made anywhere else would bypass the table (and could forget its code).</summary>
    [Fact]
    public void No_refusal_is_made_outside_the_table()
    {
        var server = ServerSource.Folder;
        var table = Path.Combine(server, "Http", "Refusal.cs");
        var strays = ServerSource.Files()
            .Where(file => file != table)
            .SelectMany(file => File.ReadLines(file).Select((line, i) => (File: Path.GetRelativePath(server, file), Number: i + 1, Line: line)))
            .Where(l => Regex.IsMatch(l.Line, @"new\s+HubException\s*\(|(TypedResults|Results)\.Problem\s*\(|ApiProblem\.Of\s*\(|new\s+Refusal\s*\(|\bRefusal\s+\w+\s*=\s*new\s*\("))
            .Select(l => $"{l.File}:{l.Number}: {l.Line.Trim()}");
        Assert.Empty(strays);
    }
}
