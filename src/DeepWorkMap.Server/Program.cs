using DeepWorkMap.Server;
using DeepWorkMap.Server.Hosting;

// `DeepWorkMap.Server migrate` applies the schema migrations to ConnectionStrings:Postgres and exits.
if (args is ["migrate", .. var rest])
{
    await DeepWorkMapApp.MigrateAsync(rest);
    return 0;
}

if (BadSettings.Build(() => DeepWorkMapApp.Build(args), Console.Error) is not { } app) return BadSettings.ExitCode;
await DeepWorkMapApp.PrepareAsync(app);
await app.RunAsync();
return 0;
