
namespace DeepWorkMap.IntegrationTests.Infrastructure;

/// <summary>A cluster-mode server on a fresh database, with the chat budget raised so tests can send in bulk.</summary>
public sealed class ChatServerFixture : DurableServerFixture
{
    protected override void Customize(Dictionary<string, string?> settings) => settings["Chat:Burst"] = "10000";
}
