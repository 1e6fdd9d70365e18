using DeepWorkMap.Contracts;
using DeepWorkMap.Server.Email;
using DeepWorkMap.Server.Http;
using Microsoft.Extensions.Options;

namespace DeepWorkMap.Server.Identity;

/// <summary>
/// Hosting and following are for accounts whose owner proved the address (<c>Email:RequireVerification</c>): an account
/// anyone could make with someone else's address must not put sessions on the map in their name or collect their mail.
/// </summary>
public static class RequireVerifiedEmail
{
    public static TBuilder RequireVerifiedEmailAddress<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            if (!http.RequestServices.GetRequiredService<IOptions<EmailOptions>>().Value.RequireVerification
                || CurrentUser.IdOf(http.User) is not { } userId)
                return await next(context);
            var account = await http.RequestServices.GetRequiredService<IUserStore>().FindByIdAsync(userId, http.RequestAborted);
            return account?.EmailVerifiedAt is not null ? await next(context) : Refusal.EmailUnverified.ToProblem();
        }).ProducesProblem(StatusCodes.Status403Forbidden);
}
