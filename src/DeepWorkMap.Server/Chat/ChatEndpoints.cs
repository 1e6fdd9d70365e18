using DeepWorkMap.Contracts.Api;
using DeepWorkMap.Contracts.Chat;
using DeepWorkMap.Contracts.Sessions;
using DeepWorkMap.Server.Accounts;
using DeepWorkMap.Server.Http;
using DeepWorkMap.Server.Sessions;

namespace DeepWorkMap.Server.Chat;

/// <summary>The "Chat" part of API.md. Only a session's active participants read or write its chat.</summary>
public static class ChatEndpoints
{
    public static void MapChatEndpoints(this IEndpointRouteBuilder routes)
    {
        var messages = routes.MapGroup("/api/sessions/{id:guid}/messages").WithTags("Chat").RequireAuthorization();
        messages.MapPost("", Send);
        messages.MapGet("", History);
    }

    private static async Task<IResult> Send(Guid id, SendMessageRequest? request, HttpContext http, IUserStore users, SessionChat chat, CancellationToken cancellationToken)
    {
        if (CurrentUser.IdOf(http.User) is not { } userId || await users.FindByIdAsync(userId, cancellationToken) is not { } author)
            return ApiProblem.Unauthorized();
        var (message, refusal) = await chat.SendAsync(id, author.ToDto(), request?.Content);
        return refusal?.ToProblem() ?? TypedResults.Created($"/api/sessions/{id}/messages?before={message!.Seq + 1}&limit=1", message);
    }

    private static async Task<IResult> History(Guid id, HttpRequest request, HttpContext http, SessionGrains grains)
    {
        if (CurrentUser.IdOf(http.User) is not { } userId) return ApiProblem.Unauthorized();
        var errors = new Dictionary<string, string[]>();
        var (before, limit) = ChatRules.ValidatePage(request.Query["before"], request.Query["limit"], errors);
        if (errors.Count > 0) return ApiProblem.Validation(errors);

        var page = await grains.Get(id).History(userId, before, limit);
        return page.Error is { } error
            ? Refusal.ForSessionError(error).ToProblem()
            : TypedResults.Ok(new ItemsDto<ChatMessage>(page.Items!));
    }
}
