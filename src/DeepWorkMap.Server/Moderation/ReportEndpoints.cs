using DeepWorkMap.Contracts.Accounts;
using DeepWorkMap.Contracts.Api;
using DeepWorkMap.Contracts.Sessions;
using DeepWorkMap.Grains;
using DeepWorkMap.Grains.Chat;
using DeepWorkMap.Server.Http;
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
        CreateReportRequest? request, Caller me, IReportStore reports, IGrainFactory grains, IChatLog chat, Clock clock, CancellationToken cancellationToken)
    {
        var reporterId = me.Id;
        var errors = new Dictionary<string, string[]>();
        if (request?.TargetType is not { } type || !ReportVocabulary.TargetTypes.Contains(type)) errors["targetType"] = ["targetType must be session, message or user."];
        if (request?.TargetId is null) errors["targetId"] = ["targetId is required."];
        if (request?.Reason is not { } reason || !ReportVocabulary.Reasons.Contains(reason))
            errors["reason"] = ["reason must be spam, harassment, unsafe, inappropriate or other."];
        if (!ReportVocabulary.TryReadNote(request?.Details, out var details)) errors["details"] = [ReportVocabulary.NoteRule("details")];
        if (errors.Count > 0) return ApiProblem.Validation(errors);

        var targetId = request!.TargetId!.Value;
        if (!await CanSeeAsync(request.TargetType!, targetId, reporterId, grains, chat, cancellationToken)) return ApiProblem.NotFound("What was reported");
        var report = new ReportDto(Guid.NewGuid(), reporterId, request.TargetType!, targetId, request.Reason!, details, clock.GetUtcNow(), null, null, null);
        var (stored, created) = await reports.AddAsync(report, cancellationToken);
        return created ? TypedResults.Created($"/api/moderation/reports/{stored.Id}", stored) : TypedResults.Ok(stored);
    }

    /// <summary>Only what the reporter can see may be reported: a report must not reveal that something exists.</summary>
    private static async Task<bool> CanSeeAsync(string type, Guid targetId, Guid reporterId, IGrainFactory grains, IChatLog chat, CancellationToken cancellationToken) => type switch
    {
        "session" => await grains.GetGrain<IStudySessionGrain>(targetId).View(reporterId, null) is not null,
        "message" => await chat.SessionOfAsync(targetId, cancellationToken) is { } sessionId
                     && await grains.GetGrain<IStudySessionGrain>(sessionId).ParticipantsFor(reporterId) is { } participants
                     && participants.Any(p => p.UserId == reporterId),
        _ => await grains.GetGrain<IAccountGrain>(targetId).IsOpen(),
    };
}
