using Microsoft.AspNetCore.Http.HttpResults;

namespace DeepWorkMap.Server.Http;

/// <summary>A service's answer (a result, or the <see cref="Refusal"/> that stopped it) as an endpoint's typed result.</summary>
public static class RefusalResults
{
    /// <summary>204 when nothing refused, else the refusal's problem.</summary>
    public static Results<NoContent, ProblemHttpResult> OrNoContent(this Refusal? refusal) => refusal is null ? TypedResults.NoContent() : refusal.ToProblem();

    /// <summary>202 when nothing refused, else the refusal's problem.</summary>
    public static Results<Accepted, ProblemHttpResult> OrAccepted(this Refusal? refusal) => refusal is null ? TypedResults.Accepted((string?)null) : refusal.ToProblem();

    /// <summary>200 with the result, or the refusal's problem.</summary>
    public static Results<Ok<T>, ProblemHttpResult> OrOk<T>(this (T? Result, Refusal? Refusal) outcome) =>
        outcome.Refusal is { } refusal ? refusal.ToProblem() : TypedResults.Ok(outcome.Result!);
}
