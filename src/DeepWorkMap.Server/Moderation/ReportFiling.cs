using DeepWorkMap.Contracts.Accounts;
using DeepWorkMap.Contracts.Api;
using DeepWorkMap.Contracts.Sessions;
using DeepWorkMap.Grains;
using DeepWorkMap.Grains.Chat;
using DeepWorkMap.Server.Http;
using DeepWorkMap.Server.Identity;

namespace DeepWorkMap.Server.Moderation;

/// <summary>
/// A user reporting a session, a message or a user they can see, for the moderators. A reporter's second report of what
/// they reported already, still open, answers that one and stores nothing.
/// </summary>
public sealed class ReportFiling(IReportStore reports, IGrainFactory grains, IChatLog chat, Clock clock)
{
    /// <summary>The report with whether it is new, or why none was filed.</summary>
    public async Task<(ReportDto? Report, bool Created, Refusal? Refusal)> FileAsync(Caller reporter, CreateReportRequest? request, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var details = Validate(request, errors);
        if (errors.Count > 0) return (null, false, Refusal.Validation(errors));

        var targetId = request!.TargetId!.Value;
        if (!await CanSeeAsync(request.TargetType!, targetId, reporter.Id, cancellationToken)) return (null, false, Refusal.NotFound("What was reported"));
        var report = new ReportDto(Guid.NewGuid(), reporter.Id, request.TargetType!, targetId, request.Reason!, details, clock.GetUtcNow(), null, null, null);
        var (stored, created) = await reports.AddAsync(report, cancellationToken);
        return (stored, created, null);
    }

    /// <summary>The report's details as stored (trimmed, null when blank); <paramref name="errors"/> names the fields at fault.</summary>
    public static string? Validate(CreateReportRequest? request, Dictionary<string, string[]> errors)
    {
        if (request?.TargetType is not { } type || !ReportVocabulary.TargetTypes.Contains(type)) errors["targetType"] = ["targetType must be session, message or user."];
        if (request?.TargetId is null) errors["targetId"] = ["targetId is required."];
        if (request?.Reason is not { } reason || !ReportVocabulary.Reasons.Contains(reason))
            errors["reason"] = ["reason must be spam, harassment, unsafe, inappropriate or other."];
        if (!ReportVocabulary.TryReadNote(request?.Details, out var details)) errors["details"] = [ReportVocabulary.NoteRule("details")];
        return details;
    }

    /// <summary>Only what the reporter can see may be reported: a report must not reveal that something exists.</summary>
    private async Task<bool> CanSeeAsync(string type, Guid targetId, Guid reporterId, CancellationToken cancellationToken) => type switch
    {
        "session" => await grains.GetGrain<IStudySessionGrain>(targetId).View(reporterId, null) is not null,
        "message" => await chat.SessionOfAsync(targetId, cancellationToken) is { } sessionId
                     && await grains.GetGrain<IStudySessionGrain>(sessionId).ParticipantsFor(reporterId) is { } participants
                     && participants.Any(p => p.UserId == reporterId),
        _ => await grains.GetGrain<IAccountGrain>(targetId).IsOpen(),
    };
}
