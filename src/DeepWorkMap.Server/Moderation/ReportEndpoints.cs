using DeepWorkMap.Contracts.Api;
using Microsoft.AspNetCore.Http.HttpResults;
using DeepWorkMap.Server.Identity;

namespace DeepWorkMap.Server.Moderation;

/// <summary>
/// <c>POST /api/reports</c>: any signed-in user reports a session, a message or a user they can see, for the moderators;
/// at most <c>Moderation:ReportsPerUserPerHour</c>, and one open report per target.
/// </summary>
public static class ReportEndpoints
{
    public const string RatePolicy = "reports";

    public static void MapReports(this IEndpointRouteBuilder routes) =>
        routes.MapPost("/api/reports", Create).WithTags("Moderation").WithSummary("Report a session, a message or a user to the moderators").RequireAuthorization().RequireRateLimiting(RatePolicy)
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);

    /// <summary>A reporter's second report of what they reported already, still open, answers that one (200) and stores nothing.</summary>
    private static async Task<Results<Created<ReportDto>, Ok<ReportDto>, ProblemHttpResult>> Create(
        CreateReportRequest? request, Caller me, ReportFiling filing, CancellationToken cancellationToken) =>
        await filing.FileAsync(me, request, cancellationToken) switch
        {
            (_, _, { } refusal) => refusal.ToProblem(),
            (var report, true, _) => TypedResults.Created($"/api/moderation/reports/{report!.Id}", report),
            (var report, false, _) => TypedResults.Ok(report!),
        };
}
