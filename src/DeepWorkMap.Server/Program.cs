using DeepWorkMap.Server;
using DeepWorkMap.Server.Moderation;

// `DeepWorkMap.Server migrate` applies the schema migrations to ConnectionStrings:Postgres and exits.
if (args is ["migrate", .. var rest])
{
    await DeepWorkMapApp.MigrateAsync(rest);
    return;
}

// `DeepWorkMap.Server moderators list | grant ACCOUNT | revoke ACCOUNT` gives and takes the moderator role, and exits.
if (args is ["moderators", .. var command])
{
    Environment.ExitCode = await ModeratorCommand.RunAsync(command, Console.Out);
    return;
}

var app = DeepWorkMapApp.Build(args);
await DeepWorkMapApp.PrepareAsync(app);
await app.RunAsync();
