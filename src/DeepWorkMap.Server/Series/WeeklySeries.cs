using DeepWorkMap.Contracts;
using DeepWorkMap.Contracts.Api;
using DeepWorkMap.Contracts.Series;
using DeepWorkMap.Grains;
using DeepWorkMap.Server.Http;
using DeepWorkMap.Server.Identity;
using DeepWorkMap.Server.Sessions;

namespace DeepWorkMap.Server.Series;

/// <summary>
/// Weekly series as docs/api.md answers them: created under <see cref="SeriesRules"/> and the host's cap, read, joined
/// or cancelled; each answer holds every occurrence by start time, and a join or cancel the occurrences it skipped.
/// </summary>
public sealed class WeeklySeries(IGrainFactory grains, SessionViews views, HostingCaps caps, Clock clock)
{
    public async Task<(SeriesDto? Series, Refusal? Refusal)> CreateAsync(Caller me, CreateSeriesRequest? request, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        if (SeriesRules.Validate(request, me.Id, clock.GetUtcNow(), errors) is not { } plan) return (null, Refusal.Validation(errors));
        if (await caps.RefuseSeriesAsync(me.Id, cancellationToken) is { } refusal) return (null, refusal);

        var id = Guid.NewGuid();
        var outcome = await Series(id).Create(plan with { Template = plan.Template with { SeriesId = id } });
        if (outcome.Error is { } error) return (null, Refusal.ForSessionError(error));
        return (await ToDtoAsync(outcome, Viewer.Member, cancellationToken), null);
    }

    /// <summary>The series as <paramref name="viewerId"/> may see it; not found when they may not.</summary>
    public async Task<(SeriesDto? Series, Refusal? Refusal)> ViewAsync(Guid id, Guid? viewerId, Viewer viewer, CancellationToken cancellationToken) =>
        await Series(id).View(viewerId) is { } outcome ? (await ToDtoAsync(outcome, viewer, cancellationToken), null) : (null, Refusal.NotFound("The series"));

    public Task<(SeriesDto? Series, Refusal? Refusal)> JoinAsync(Caller me, Guid id, CancellationToken cancellationToken) =>
        AnswerAsync(Series(id).Join(me.Id), cancellationToken);

    /// <summary>Host only; the reason is checked as a single session's cancel reason is.</summary>
    public async Task<(SeriesDto? Series, Refusal? Refusal)> CancelAsync(Caller me, Guid id, CancelSessionRequest? request, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var reason = SessionRules.ValidateCancelReason(request?.Reason, errors);
        if (errors.Count > 0) return (null, Refusal.Validation(errors));
        return await AnswerAsync(Series(id).Cancel(me.Id, reason), cancellationToken);
    }

    private ISeriesGrain Series(Guid id) => grains.GetGrain<ISeriesGrain>(id);

    /// <summary>A join's or a cancel's answer: every occurrence, with <c>skipped</c> (docs/api.md).</summary>
    private async Task<(SeriesDto? Series, Refusal? Refusal)> AnswerAsync(Task<SeriesOutcome> command, CancellationToken cancellationToken)
    {
        var outcome = await command;
        if (outcome.Error is { } error) return (null, error == ErrorCodes.NotFound ? Refusal.NotFound("The series") : Refusal.ForSessionError(error));
        var skipped = outcome.Skipped.Select(s => new SeriesSkipDto(s.SessionId, s.Code)).ToList();
        return (await ToDtoAsync(outcome, Viewer.Member, cancellationToken) with { Skipped = skipped }, null);
    }

    private async Task<SeriesDto> ToDtoAsync(SeriesOutcome outcome, Viewer viewer, CancellationToken cancellationToken)
    {
        var plan = outcome.Plan!;
        var sessions = new List<SessionDto>(outcome.Sessions.Count);
        foreach (var session in outcome.Sessions.OrderBy(s => s.StartTime)) sessions.Add(await views.ToDtoAsync(session, viewer, cancellationToken));
        return new SeriesDto(outcome.Id, plan.DaysOfWeek, plan.Weeks, plan.TimeZone, sessions);
    }
}
