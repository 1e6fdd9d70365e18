using DeepWorkMap.Server;
using DeepWorkMap.Server.Hosting;
using DeepWorkMap.Server.Moderation;

// First, before anything rents from a shared array pool: the runtime reads how many arrays of a size it keeps per core
// once, at the first use, from the environment only (Hosting/SharedArrayPoolSize.cs; docs/operations.md, "Sizing").
SharedArrayPoolSize.Apply();

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

// `DeepWorkMap.Server vapid-keys` prints a new VAPID key pair for Web Push (docs/operations.md), and exits.
if (args is ["vapid-keys"])
{
    var keys = DeepWorkMap.Server.Push.VapidKeys.Generate("mailto:unused@localhost");
    Console.WriteLine($"Push__VapidPublicKey={keys.PublicKey}");
    Console.WriteLine($"Push__VapidPrivateKey={keys.PrivateKey}");
    return 0;
}

// `DeepWorkMap.Server array-pool` prints how many arrays of one size the shared pool keeps in this process, and exits.
if (args is ["array-pool"])
{
    Console.WriteLine(SharedArrayPoolSize.Describe());
    return 0;
}

if (BadSettings.Build(() => DeepWorkMapApp.Build(args), Console.Error) is not { } app) return BadSettings.ExitCode;
await DeepWorkMapApp.PrepareAsync(app);
await app.RunAsync();
return 0;
