using DeepWorkMap.Contracts;
using Microsoft.AspNetCore.Http.HttpResults;

namespace DeepWorkMap.Server.Http;

/// <summary>RFC 7807 answers carrying docs/api.md's machine-readable <c>code</c>.</summary>
public static class ApiProblem
{
    public static ProblemHttpResult Of(int status, string code, string title, IDictionary<string, string[]>? errors = null)
    {
        var extensions = new Dictionary<string, object?> { ["code"] = code };
        if (errors is not null) extensions["errors"] = errors;
        return TypedResults.Problem(statusCode: status, title: title, extensions: extensions);
    }

    public static ProblemHttpResult Validation(IDictionary<string, string[]> errors) =>
        Of(StatusCodes.Status400BadRequest, ErrorCodes.ValidationFailed, "One or more fields are invalid.", errors);

    public static ProblemHttpResult Validation(string field, string message) =>
        Validation(new Dictionary<string, string[]> { [field] = [message] });

    public static ProblemHttpResult NotFound(string what = "The resource") =>
        Of(StatusCodes.Status404NotFound, ErrorCodes.NotFound, $"{what} was not found.");

    public static ProblemHttpResult Unauthorized(string title = "A valid bearer token is required.") =>
        Of(StatusCodes.Status401Unauthorized, ErrorCodes.Unauthorized, title);
}
