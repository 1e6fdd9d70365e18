using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;

namespace DeepWorkMap.Benchmarks;

/// <summary>A benchmark client's hub connection: WebSockets straight away, signed in when a token is given.</summary>
public static class BenchHubConnection
{
    public static HubConnection Build(Uri hubUrl, string? token) =>
        new HubConnectionBuilder()
            .WithUrl(hubUrl, HttpTransportType.WebSockets, options =>
            {
                options.SkipNegotiation = true;
                if (token is not null) options.AccessTokenProvider = () => Task.FromResult<string?>(token);
            })
            .Build();
}
