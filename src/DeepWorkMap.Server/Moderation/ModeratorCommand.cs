using DeepWorkMap.Server.Hosting;
using DeepWorkMap.Server.Persistence;
using DeepWorkMap.Server.Identity;

namespace DeepWorkMap.Server.Moderation;

/// <summary>
/// <c>DeepWorkMap.Server moderators list | grant ACCOUNT | revoke ACCOUNT</c> (what <c>scripts/moderators.sh</c> runs): the
/// documented way to give and take the moderator role, on the database of <c>ConnectionStrings:Postgres</c>. ACCOUNT is
/// an open account's username, email or id; the role is stored against the id, so renaming or closing the account
/// never hands it to anyone else.
/// </summary>
public static class ModeratorCommand
{
    public const string Usage = "usage: moderators list | moderators grant <username|email|account id> | moderators revoke <username|email|account id>";

    /// <summary>Runs the command; the process's exit code (0: done).</summary>
    public static async Task<int> RunAsync(string[] args, TextWriter output)
    {
        // Words first (the verb and the account), then configuration such as --ConnectionStrings:Postgres=….
        var words = args.TakeWhile(a => !a.StartsWith('-')).ToArray();
        var configuration = new ConfigurationBuilder().AddEnvironmentVariables().AddCommandLine(args[words.Length..]).Build();
        if (DeploymentSettings.PostgresOf(configuration) is not { } postgres)
        {
            await output.WriteLineAsync("Set ConnectionStrings:Postgres (e.g. ConnectionStrings__Postgres=\"Host=…;Database=…\"): moderators live in the cluster's database.");
            return 2;
        }
        await using var dataSource = PostgresDataSource.Create(postgres);
        if ((await new SchemaMigrations(dataSource).PendingAsync()).Count > 0)
        {
            await output.WriteLineAsync("The schema is behind: apply the migrations first (scripts/migrate.sh).");
            return 1;
        }
        var users = new PostgresUserStore(dataSource);
        var moderators = new PostgresModeratorStore(dataSource);
        switch (words)
        {
            case ["list"]:
                var granted = await moderators.ListAsync();
                var named = await users.FindManyAsync(granted.Select(g => g.UserId).ToList());
                foreach (var (userId, grantedAt) in granted)
                    await output.WriteLineAsync($"{userId}\t{named.GetValueOrDefault(userId)?.Username ?? "?"}\tgranted {grantedAt:u}");
                if (granted.Count == 0) await output.WriteLineAsync("No moderators are granted in the database (Moderation:Moderators may name some).");
                return 0;
            case ["grant", var who]:
                if (await FindOpenAsync(users, who) is not { } account)
                {
                    await output.WriteLineAsync($"No open account is {who}.");
                    return 1;
                }
                var added = await moderators.GrantAsync(account.Id, DateTimeOffset.UtcNow);
                await output.WriteLineAsync($"{(added ? "Granted" : "Already a moderator")}: {account.Id} ({account.Username})");
                return 0;
            case ["revoke", var who]:
                // A closed account has lost its name; its id still names it.
                var id = Guid.TryParse(who, out var parsed) ? parsed : (await FindOpenAsync(users, who))?.Id;
                var removed = id is { } revoked && await moderators.RevokeAsync(revoked);
                await output.WriteLineAsync(removed ? $"Revoked: {id}" : $"{who} is not a moderator granted in the database.");
                return removed ? 0 : 1;
            default:
                await output.WriteLineAsync(Usage);
                return 2;
        }
    }

    private static async Task<UserAccount?> FindOpenAsync(IUserStore users, string who)
    {
        var account = Guid.TryParse(who, out var id) ? await users.FindByIdAsync(id) : await users.FindByLoginAsync(who);
        return account is { ClosedAt: null } ? account : null;
    }
}
