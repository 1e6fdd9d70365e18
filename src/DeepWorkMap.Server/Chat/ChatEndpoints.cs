using DeepWorkMap.Contracts.Api;
using DeepWorkMap.Server.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using DeepWorkMap.Server.Identity;

namespace DeepWorkMap.Server.Chat;

/// <summary>The "Chat" part of docs/api.md. Only a session's active participants read or write its chat.</summary>
public static class ChatEndpoints
{
    public static void MapChat(this IEndpointRouteBuilder routes)
    {
        var messages = routes.MapGroup("/api/sessions/{id:guid}/messages").WithTags("Chat").RequireAuthorization()
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        messages.MapPost("", Send).WithSummary("Send a chat message").ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status429TooManyRequests);
        messages.MapGet("", History).WithSummary("The chat's messages, newest first");
        messages.MapPatch("/{seq:long}", Edit).WithSummary("Edit one's own message within 15 minutes of sending it")
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status429TooManyRequests);
        messages.MapDelete("/{seq:long}", Delete).WithSummary("Delete one's own message within 15 minutes of sending it")
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status429TooManyRequests);

        routes.MapPut("/api/sessions/{id:guid}/read-marker", MarkRead).WithTags("Chat").RequireAuthorization()
            .WithSummary("Move the caller's read marker in a session's chat forward")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        routes.MapGet("/api/me/unread", Unread).WithTags("Chat").RequireAuthorization()
            .WithSummary("Unread message counts of the sessions the caller takes part in")
            .ProducesProblem(StatusCodes.Status401Unauthorized);
    }

    private static async Task<Results<Ok<MessageDto>, ProblemHttpResult>> Edit(Guid id, long seq, EditMessageRequest? request, Caller me, SessionChat chat)
    {
        var (message, refusal) = await chat.EditAsync(id, me.Id, seq, request?.Content);
        return refusal is not null ? refusal.ToProblem() : TypedResults.Ok(message!);
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> Delete(Guid id, long seq, Caller me, SessionChat chat)
    {
        var (_, refusal) = await chat.DeleteAsync(id, me.Id, seq);
        return refusal is not null ? refusal.ToProblem() : TypedResults.NoContent();
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> MarkRead(Guid id, ReadMarkerRequest? request, Caller me, ReadMarkers markers) =>
        await markers.MarkAsync(id, me.Id, request?.Seq) is { } refusal ? refusal.ToProblem() : TypedResults.NoContent();

    private static async Task<Ok<IReadOnlyList<UnreadDto>>> Unread(Caller me, ReadMarkers markers, CancellationToken cancellationToken) =>
        TypedResults.Ok(await markers.UnreadAsync(me.Id, cancellationToken));

    private static async Task<Results<Created<MessageDto>, ProblemHttpResult>> Send(Guid id, SendMessageRequest? request, Caller me, SessionChat chat)
    {
        var (message, refusal) = await chat.SendAsync(id, me.Id, request?.Content);
        if (refusal is not null) return refusal.ToProblem();
        return TypedResults.Created($"/api/sessions/{id}/messages?before={message!.Seq + 1}&limit=1", message);
    }

    private static async Task<Results<Ok<ItemsDto<MessageDto>>, ProblemHttpResult>> History(
        Guid id,
        [QueryParameter("A message seq: this page holds the messages before it.", Type = "integer", Format = "int64", Minimum = 1)] string? before,
        [QueryParameter("Messages per page.", Type = "integer", Minimum = 1, Maximum = ChatRules.MaxPageSize, Default = "50")] string? limit,
        Caller me, ChatHistory history, CancellationToken cancellationToken) =>
        (await history.PageAsync(id, me, before, limit, cancellationToken)).OrOk();
}
