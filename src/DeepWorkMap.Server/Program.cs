using DeepWorkMap.Server;

var app = DeepWorkMapApp.Build(args);
await DeepWorkMapApp.PrepareAsync(app);
await app.RunAsync();
