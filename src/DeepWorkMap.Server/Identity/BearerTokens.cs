using System.Text;
using DeepWorkMap.Grains;
using DeepWorkMap.Server.Hosting;
using DeepWorkMap.Server.Http;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;

namespace DeepWorkMap.Server.Identity;

/// <summary>
/// Who calls: the <c>Jwt</c> section, the tokens issued under it, and the bearer authentication that accepts a token only
/// while its account is open and its device signed in (<see cref="AccountGuard"/>). Every feature reads the caller from it.
/// </summary>
public static class BearerTokens
{
    public static IServiceCollection AddBearerTokens(this IServiceCollection services, DeploymentSettings deployment)
    {
        services.AddValidatedOptions<JwtOptions>(JwtOptions.Section)
            .Validate(jwt => !deployment.IsDurable || !string.IsNullOrEmpty(jwt.SigningKey),
                $"Jwt:SigningKey is required in cluster mode (at least {JwtSettings.MinimumKeyBytes} bytes, identical on every silo). " +
                "Set it, e.g. with the environment variable Jwt__SigningKey.")
            .Validate(jwt => string.IsNullOrEmpty(jwt.SigningKey) || Encoding.UTF8.GetByteCount(jwt.SigningKey) >= JwtSettings.MinimumKeyBytes,
                $"Jwt:SigningKey must be at least {JwtSettings.MinimumKeyBytes} bytes.");

        services.AddSingleton(provider => JwtSettings.From(provider.GetRequiredService<IOptions<JwtOptions>>().Value));
        services.AddSingleton<TokenIssuer>();
        services.AddAuthorization();
        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer(options =>
        {
            options.MapInboundClaims = false;
            options.Events = new JwtBearerEvents
            {
                // The hub's WebSocket cannot send headers: docs/api.md lets it pass the token as ?access_token=.
                OnMessageReceived = context =>
                {
                    var token = context.Request.Query["access_token"];
                    if (!string.IsNullOrEmpty(token) && context.HttpContext.Request.Path.StartsWithSegments("/hubs"))
                        context.Token = token;
                    return Task.CompletedTask;
                },
                // A valid signature is not enough: the account must still be open, as its grain says on every silo.
                OnTokenValidated = async context =>
                {
                    // …the token must be younger than the last sign-out everywhere (a password reset), and its device still signed in.
                    if (CurrentUser.IdOf(context.Principal!) is not { } userId
                        || !await context.HttpContext.RequestServices.GetRequiredService<AccountGuard>().AcceptsAsync(
                            userId, TokenIssuer.IssuedAt(context.Principal!, context.SecurityToken.ValidFrom), TokenIssuer.DeviceOf(context.Principal!)))
                        context.Fail("The account of this token is closed, or the token was signed out.");
                },
                OnChallenge = async context =>
                {
                    context.HandleResponse();
                    await ApiProblem.Unauthorized().ExecuteAsync(context.HttpContext);
                },
            };
        });
        services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme).Configure<JwtSettings, Clock>((options, jwt, clock) =>
        {
            options.TokenValidationParameters = jwt.ValidationParameters();
            options.TokenValidationParameters.LifetimeValidator = jwt.LifetimeValidator(clock);
        });
        return services;
    }
}
