using System.Net;
using System.Net.Http.Json;
using DeepWorkMap.Contracts.Api;
using DeepWorkMap.IntegrationTests.Infrastructure;

namespace DeepWorkMap.IntegrationTests.Accounts;

/// <summary>
/// Someone who has the password moves the account to their own address, confirms it, and sets a password of their own.
/// The owner's mailbox still takes the account back: a verified address left is held for the account and mailed a link
/// that puts it back with a new password, signing every device out; the oldest link wins. An address nobody proved gets
/// neither. Two front doors of one cluster on PostgreSQL, real mail.
/// </summary>
public sealed class EmailChangeUndoTests(DevicesFixture fixture) : IClassFixture<DevicesFixture>
{
    private const string Password = "correct horse battery";
    private const string ChangedSubject = "Your DeepWork Map email address was changed";
    private RunningServer A => fixture.A;
    private RunningServer B => fixture.B;

    private static string NewUsername() => "x" + Guid.NewGuid().ToString("N")[..12];

    private static async Task<HttpResponseMessage> PostAsync(RunningServer server, string path, object body)
    {
        using var anonymous = server.CreateClient();
        var response = await anonymous.PostAsJsonAsync(path, body);
        await response.Content.LoadIntoBufferAsync();
        return response;
    }

    private static async Task<HttpClient> SignInAsync(RunningServer server, string login, string password = Password)
    {
        var response = await PostAsync(server, "/api/auth/login", new { login, password });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return server.CreateClient((await response.Content.ReadFromJsonAsync<AuthResult>())!.Token);
    }

    /// <summary>Signs up <paramref name="username"/> at <c>username@example.com</c> and follows the sign-up's verification link.</summary>
    private async Task<HttpClient> SignUpVerifiedAsync(string username)
    {
        var (client, _) = await A.SignUpAsync(username);
        var token = await fixture.Smtp.TokenAsync($"{username}@example.com", "Confirm your email address", "verify");
        Assert.Equal(HttpStatusCode.NoContent, (await PostAsync(A, "/api/auth/verify-email", new { token })).StatusCode);
        return client;
    }

    /// <summary>The thief moves the signed-in account to <paramref name="email"/> and confirms it from that inbox.</summary>
    private async Task MoveAsync(HttpClient thief, string email, string password = Password)
    {
        Assert.Equal(HttpStatusCode.Accepted, (await thief.PostAsJsonAsync("/api/me/email", new { email, password })).StatusCode);
        var token = await fixture.Smtp.TokenAsync(email, "Confirm your new email address", "verify");
        Assert.Equal(HttpStatusCode.NoContent, (await PostAsync(B, "/api/auth/verify-email", new { token })).StatusCode);
    }

    [Fact]
    public async Task The_owner_takes_the_account_back_after_someone_moved_it_to_their_address_and_changed_the_password()
    {
        var username = NewUsername();
        var ownerEmail = $"{username}@example.com";
        var thiefEmail = $"thief-{username}@example.org";
        var owner = await SignUpVerifiedAsync(username);
        var thief = await SignInAsync(B, username);

        await MoveAsync(thief, thiefEmail);
        Assert.Equal(HttpStatusCode.OK, (await thief.PostAsJsonAsync("/api/me/password", new { currentPassword = Password, newPassword = "the thief's own secret" })).StatusCode);
        // The owner is out: the password changed, and the old address neither signs in nor gets a reset link.
        Assert.Equal(HttpStatusCode.Unauthorized, (await owner.GetAsync("/api/me")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await PostAsync(A, "/api/auth/login", new { login = ownerEmail, password = Password })).StatusCode);

        // But the address left was told, with the way back, and nobody else may take it meanwhile.
        var undo = await fixture.Smtp.TokenAsync(ownerEmail, ChangedSubject, "undo-email");
        var told = (await fixture.Smtp.ToAsync(ownerEmail)).First(m => m.Subject == ChangedSubject);
        Assert.Contains(thiefEmail, await fixture.Smtp.PlainTextAsync(told));
        await Problem.ExpectAsync(await PostAsync(A, "/api/auth/register",
            new { email = ownerEmail.ToUpperInvariant(), username = NewUsername(), displayName = "Squatter", password = Password }), HttpStatusCode.Conflict, "email_taken");
        using (var other = (await A.SignUpAsync(NewUsername())).Client)
            await Problem.ExpectAsync(await other.PostAsJsonAsync("/api/me/email", new { email = ownerEmail, password = Password }), HttpStatusCode.Conflict, "email_taken");

        // A refused password leaves the link working.
        await Problem.ExpectAsync(await PostAsync(A, "/api/auth/email-change/undo", new { token = undo, password = "short" }), HttpStatusCode.BadRequest, "validation_failed");
        Assert.Equal(HttpStatusCode.NoContent, (await PostAsync(A, "/api/auth/email-change/undo", new { token = undo, password = "the owner's new secret" })).StatusCode);

        // The thief is signed out everywhere, and neither their address nor their password opens the account.
        Assert.Equal(HttpStatusCode.Unauthorized, (await thief.GetAsync("/api/me")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await PostAsync(B, "/api/auth/login", new { login = thiefEmail, password = "the thief's own secret" })).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await PostAsync(B, "/api/auth/login", new { login = username, password = "the thief's own secret" })).StatusCode);
        using var back = await SignInAsync(B, ownerEmail, "the owner's new secret");
        var me = (await back.GetFromJsonAsync<MeDto>("/api/me"))!;
        Assert.Equal(ownerEmail, me.Email);
        Assert.True(me.EmailVerified);
        await Eventually.HoldsAsync(async () => (await fixture.Smtp.ToAsync(ownerEmail)).Any(m => m.Subject == "Your DeepWork Map account is back at this address"),
            TimeSpan.FromSeconds(30), "the owner is told the account is back");
        // The link works once.
        await Problem.ExpectAsync(await PostAsync(A, "/api/auth/email-change/undo", new { token = undo, password = "yet another secret" }), HttpStatusCode.BadRequest, "invalid_token");
    }

    [Fact]
    public async Task Every_address_left_gets_its_link_and_the_oldest_wins_over_the_thiefs_own_and_over_a_reset()
    {
        var username = NewUsername();
        var ownerEmail = $"{username}@example.com";
        var first = $"first-{username}@example.org";
        var second = $"second-{username}@example.org";
        await SignUpVerifiedAsync(username);
        var thief = await SignInAsync(B, username);

        await MoveAsync(thief, first);
        await MoveAsync(thief, second);
        // The address the second change left (the thief's) gets a link too; so would an owner who had moved lately.
        var thiefsLink = await fixture.Smtp.TokenAsync(first, ChangedSubject, "undo-email");

        // The thief resets the password through their own address; the owner's link still takes the account back.
        Assert.Equal(HttpStatusCode.Accepted, (await PostAsync(B, "/api/auth/password-reset", new { email = second })).StatusCode);
        var reset = await fixture.Smtp.TokenAsync(second, "Reset your DeepWork Map password", "reset");
        Assert.Equal(HttpStatusCode.NoContent, (await PostAsync(B, "/api/auth/password-reset/confirm", new { token = reset, password = "the thief's reset secret" })).StatusCode);

        var undo = await fixture.Smtp.TokenAsync(ownerEmail, ChangedSubject, "undo-email");
        Assert.Equal(HttpStatusCode.NoContent, (await PostAsync(A, "/api/auth/email-change/undo", new { token = undo, password = "the owner's new secret" })).StatusCode);
        using var back = await SignInAsync(A, username, "the owner's new secret");
        Assert.Equal(ownerEmail, (await back.GetFromJsonAsync<MeDto>("/api/me"))!.Email);
        // The thief's link was issued after the owner's: it ended with it.
        await Problem.ExpectAsync(await PostAsync(B, "/api/auth/email-change/undo", new { token = thiefsLink, password = "the thief takes it again" }),
            HttpStatusCode.BadRequest, "invalid_token");
        Assert.Equal(HttpStatusCode.Unauthorized, (await PostAsync(A, "/api/auth/login", new { login = second, password = "the thief's reset secret" })).StatusCode);
    }

    [Fact]
    public async Task An_address_nobody_proved_is_neither_held_nor_given_the_way_back()
    {
        // A typo at sign-up, someone else's mailbox, corrected later by a change.
        var username = NewUsername();
        var typo = $"{username}@example.com";
        var (owner, _) = await A.SignUpAsync(username);
        await MoveAsync(owner, $"right-{username}@example.org");

        // The typo's owner may sign up with their own address at once...
        using var stranger = A.CreateClient();
        Assert.Equal(HttpStatusCode.Created, (await stranger.PostAsJsonAsync("/api/auth/register",
            new { email = typo, username = NewUsername(), displayName = "Stranger", password = Password })).StatusCode);
        // ...and their inbox never got a link to the account: by the time their own sign-up's mail arrived (mail goes out
        // oldest first), a way back mailed before it would have too.
        await fixture.Smtp.TokenAsync(typo, "Confirm your email address", "verify", nth: 2);
        Assert.DoesNotContain(await fixture.Smtp.ToAsync(typo), m => m.Subject == ChangedSubject);
    }
}
