using System.Net;
using DeepWorkMap.Server.Http;

namespace DeepWorkMap.UnitTests.Http;

/// <summary>Per-address caps count networks, not single addresses: neighbours share one budget.</summary>
public sealed class AddressNetworkTests
{
    [Theory]
    [InlineData("203.0.113.5", "203.0.113.0/24")]
    [InlineData("203.0.113.250", "203.0.113.0/24")]
    [InlineData("127.0.0.1", "127.0.0.0/24")]
    [InlineData("::ffff:203.0.113.7", "203.0.113.0/24")] // a dual-stack socket's view of an IPv4 client
    [InlineData("2001:db8:1:2:3:4:5:6", "2001:db8:1:2::/64")]
    [InlineData("2001:db8:1:2:ffff:ffff:ffff:ffff", "2001:db8:1:2::/64")]
    [InlineData("::1", "::/64")]
    public void An_address_counts_with_its_network(string address, string network) =>
        Assert.Equal(network, RateLimits.NetworkOf(IPAddress.Parse(address)));

    [Fact]
    public void Neighbouring_networks_stay_apart()
    {
        Assert.NotEqual(RateLimits.NetworkOf(IPAddress.Parse("203.0.113.5")), RateLimits.NetworkOf(IPAddress.Parse("203.0.112.5")));
        Assert.NotEqual(RateLimits.NetworkOf(IPAddress.Parse("2001:db8:1:2::1")), RateLimits.NetworkOf(IPAddress.Parse("2001:db8:1:3::1")));
    }
}
