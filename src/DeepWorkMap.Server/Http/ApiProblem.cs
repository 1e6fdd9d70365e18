namespace DeepWorkMap.Server.Http;

/// <summary>RFC 7807 answers carrying API.md's machine-readable <c>code</c>.</summary>
public static class ApiProblem
{
    public static IResult Of(int status, string code, string title, IDictionary<string, string[]>? errors = null)
    {
        var extensions = new Dictionary<string, object?> { ["code"] = code };
        if (errors is not null) extensions["errors"] = errors;
        return TypedResults.Problem(statusCode: status, title: title, extensions: extensions);
    }

    public static IResult Validation(IDictionary<string, string[]> errors) =>
        Of(StatusCodes.Status400BadRequest, ErrorCodes.ValidationFailed, "One or more fields are invalid.", errors);

    public static IResult Validation(string field, string message) =>
        Validation(new Dictionary<string, string[]> { [field] = [message] });

    public static IResult NotFound(string what = "The resource") =>
        Of(StatusCodes.Status404NotFound, ErrorCodes.NotFound, $"{what} was not found.");

    public static IResult Unauthorized(string title = "A valid bearer token is required.") =>
        Of(StatusCodes.Status401Unauthorized, ErrorCodes.Unauthorized, title);
}
