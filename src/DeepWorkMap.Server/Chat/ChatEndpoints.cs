using DeepWorkMap.Contracts.Accounts;
using DeepWorkMap.Contracts.Api;
using DeepWorkMap.Server.Accounts;
using DeepWorkMap.Server.Http;
using DeepWorkMap.Server.Sessions;
using Microsoft.AspNetCore.Http.HttpResults;

namespace DeepWorkMap.Server.Chat;

/// <summary>The "Chat" part of docs/api.md. Only a session's active participants read or write its chat.</summary>
public static class ChatEndpoints
{
    public static void MapChat(this IEndpointRouteBuilder routes)
    {
        var messages = routes.MapGroup("/api/sessions/{id:guid}/messages").WithTags("Chat").RequireAuthorization()
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        messages.MapPost("", Send).ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status429TooManyRequests);
        messages.MapGet("", History);
    }

    private static async Task<Results<Created<MessageDto>, ProblemHttpResult>> Send(Guid id, SendMessageRequest? request, HttpContext http, SessionChat chat)
    {
        if (CurrentUser.IdOf(http.User) is not { } userId) return ApiProblem.Unauthorized();
        var (message, refusal) = await chat.SendAsync(id, userId, request?.Content);
        if (refusal is not null) return refusal.ToProblem();
        return TypedResults.Created($"/api/sessions/{id}/messages?before={message!.Seq + 1}&limit=1", message);
    }

    private static async Task<Results<Ok<ItemsDto<MessageDto>>, ProblemHttpResult>> History(
        Guid id, HttpRequest request, HttpContext http, SessionGrains grains, SessionViews views, IGrainFactory accounts, CancellationToken cancellationToken)
    {
        if (CurrentUser.IdOf(http.User) is not { } userId) return ApiProblem.Unauthorized();
        var errors = new Dictionary<string, string[]>();
        var (before, limit) = ChatRules.ValidatePage(request.Query["before"], request.Query["limit"], errors);
        if (errors.Count > 0) return ApiProblem.Validation(errors);

        var page = await grains.Get(id).History(userId, before, limit);
        if (page.Error is { } error) return Refusal.ForSessionError(error).ToProblem();
        // Messages of users the caller blocked, or who blocked the caller, are left out (the page may be shorter).
        var hidden = await accounts.GetGrain<IAccountGrain>(userId).Hidden();
        var shown = hidden.Count == 0 ? page.Items! : page.Items!.Where(m => !hidden.Contains(m.UserId)).ToList();
        return TypedResults.Ok(new ItemsDto<MessageDto>(await views.ToDtosAsync(shown, cancellationToken)));
    }
}
