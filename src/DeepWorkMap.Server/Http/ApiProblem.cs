using Microsoft.AspNetCore.Http.HttpResults;

namespace DeepWorkMap.Server.Http;

/// <summary>The refusals REST answers most, as problems: shorthands of <see cref="Refusal"/>, which holds the table.</summary>
public static class ApiProblem
{
    public static ProblemHttpResult Validation(IDictionary<string, string[]> errors) => Refusal.Validation(errors).ToProblem();

    public static ProblemHttpResult Validation(string field, string message) => Refusal.Validation(field, message).ToProblem();

    public static ProblemHttpResult NotFound(string what = "The resource") => Refusal.NotFound(what).ToProblem();

    public static ProblemHttpResult Unauthorized(string? title = null) => (title is null ? Refusal.MissingToken : Refusal.Unauthorized(title)).ToProblem();
}
