using DeepWorkMap.Server;
using DeepWorkMap.Server.Hosting;
using DeepWorkMap.Server.Moderation;

// `DeepWorkMap.Server migrate` applies the schema migrations to ConnectionStrings:Postgres and exits.
if (args is ["migrate", .. var rest])
{
    await DeepWorkMapApp.MigrateAsync(rest);
    return 0;
}

// `DeepWorkMap.Server moderators list | grant ACCOUNT | revoke ACCOUNT` gives and takes the moderator role, and exits.
if (args is ["moderators", .. var command])
{
    return await ModeratorCommand.RunAsync(command, Console.Out);
}

if (BadSettings.Build(() => DeepWorkMapApp.Build(args), Console.Error) is not { } app) return BadSettings.ExitCode;
await DeepWorkMapApp.PrepareAsync(app);
await app.RunAsync();
return 0;
