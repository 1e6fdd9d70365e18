using DeepWorkMap.Contracts.Api;
using DeepWorkMap.Server.Http;
using DeepWorkMap.Server.Identity;
using Microsoft.AspNetCore.Identity;

namespace DeepWorkMap.Server.Accounts;

/// <summary>
/// Signing in with a login and a password: validate, wait out the backoff of this account from this place
/// (<see cref="LoginBackoff"/>), check the password, and sign this device in. The endpoint only maps the outcome.
/// </summary>
public sealed class PasswordLogin(
    IUserStore users, IPasswordHasher<UserAccount> hasher, DeviceSignIns signIns, LoginBackoff backoff, LoginDevices devices, AccountGuard accounts)
{
    /// <summary>
    /// The new sign-in, or why not. The request's device cookie is read and renewed, and a refusal to wait says how long
    /// in <c>Retry-After</c>.
    /// </summary>
    public async Task<(AuthResult? SignedIn, Refusal? Refusal)> LoginAsync(LoginRequest? request, HttpContext http, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var login = AccountRules.Login(request?.Login, errors);
        if (string.IsNullOrEmpty(request?.Password)) errors["password"] = [AccountRules.PasswordRequired];
        if (errors.Count > 0) return (null, Refusal.Validation(errors));

        var account = login!.Length <= 255 ? await users.FindByLoginAsync(login, cancellationToken) : null;
        var device = account is null ? null : await devices.ReadAsync(http.Request, account.Id);
        var attempt = LoginAttempt.Of(account, login, RateLimits.AddressOf(http), device);
        var check = await backoff.CheckAsync(attempt);
        if (check.Wait > TimeSpan.Zero)
        {
            var seconds = (int)Math.Ceiling(check.Wait.TotalSeconds);
            http.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return (null, Refusal.RateLimited($"Too many failed logins for this account; try again in {seconds} s."));
        }
        if (account is null | !PasswordCheck.Verify(hasher, account, request!.Password!))
        {
            await backoff.FailedAsync(attempt, check);
            return (null, Refusal.InvalidCredentials);
        }
        // The right password, but a token would be refused on every call: say why instead of issuing it.
        if (!await accounts.IsOpenAsync(account!.Id))
        {
            await backoff.SucceededAsync(attempt);
            return (null, Refusal.Suspended);
        }
        var signedIn = await signIns.SignInAsync(account, http, request.KeepSignedIn, cancellationToken);
        if (!await StillTheirPasswordAsync(account, cancellationToken))
        {
            // Counted as the wrong password it now is: no backoff cleared, no device remembered for this network.
            await signIns.SignOutAsync(account.Id, [signedIn.DeviceId], except: null, cancellationToken);
            await backoff.FailedAsync(attempt, check);
            return (null, Refusal.InvalidCredentials);
        }
        await backoff.SucceededAsync(attempt);
        devices.Issue(http, account.Id);
        return (signedIn, null);
    }

    /// <summary>
    /// A reset or change sets the password, then signs out the devices it finds. One that lands while this login runs may
    /// find none of ours yet: this device was made after its sign-out. Read after the device exists, an unchanged password
    /// means any change comes later and signs this device out with the rest; a changed one means it is this login's to undo.
    /// </summary>
    private async Task<bool> StillTheirPasswordAsync(UserAccount proven, CancellationToken cancellationToken) =>
        await users.FindByIdAsync(proven.Id, cancellationToken) is { ClosedAt: null } now && now.PasswordHash == proven.PasswordHash;
}
