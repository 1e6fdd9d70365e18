using DeepWorkMap.Server;

// `DeepWorkMap.Server migrate` applies the schema migrations to ConnectionStrings:Postgres and exits.
if (args is ["migrate", .. var rest])
{
    await DeepWorkMapApp.MigrateAsync(rest);
    return;
}

var app = DeepWorkMapApp.Build(args);
await DeepWorkMapApp.PrepareAsync(app);
await app.RunAsync();
