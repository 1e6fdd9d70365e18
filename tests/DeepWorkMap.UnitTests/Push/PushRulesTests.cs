using DeepWorkMap.Contracts.Api;
using DeepWorkMap.Server.Push;

namespace DeepWorkMap.UnitTests.Push;

/// <summary>The VAPID key checks the server starts with, and what a subscription's endpoint may be.</summary>
public sealed class PushRulesTests
{
    [Fact]
    public void A_generated_pair_is_a_pair_and_two_halves_of_different_pairs_are_not()
    {
        var one = VapidKeys.Generate("mailto:a@example.org");
        var other = VapidKeys.Generate("mailto:a@example.org");
        Assert.Equal(87, one.PublicKey.Length);
        Assert.Equal(43, one.PrivateKey.Length);
        Assert.True(VapidKeys.IsPair(one.PublicKey, one.PrivateKey));
        Assert.False(VapidKeys.IsPair(one.PublicKey, other.PrivateKey));
        Assert.False(VapidKeys.IsPair(one.PublicKey[..86], one.PrivateKey));
        Assert.False(VapidKeys.IsPair("not a key", one.PrivateKey));
    }

    [Fact]
    public void A_pair_made_with_openssl_as_operations_md_also_allows_is_a_pair()
    {
        // openssl ecparam -name prime256v1 -genkey, its 32-byte private scalar and 65-byte public point, base64url.
        Assert.True(VapidKeys.IsPair("BKZhj9tvXg-6yCKdJQ__KH77zpYXcJIhonvFFFL8OS8z2YImMBUi04yI7S6UREuNq_zCUkJzXfarM5hXrPfhvRQ",
            "aDSLzKk1EeMOqpT8kQJ_9_FBNWrZt2eI8aNEup9yXto"));
    }

    [Theory]
    [InlineData("https://fcm.googleapis.com/fcm/send/abc", null, true)]
    [InlineData("https://updates.push.services.mozilla.com/wpush/v2/abc", null, true)]
    [InlineData("http://fcm.googleapis.com/fcm/send/abc", null, false)]
    [InlineData("https://fcm.googleapis.com:8443/x", null, false)]
    [InlineData("https://10.0.0.5/x", null, false)]
    [InlineData("https://[::1]/x", null, false)]
    [InlineData("https://localhost/x", null, false)]
    [InlineData("https://localhost./x", null, false)]
    [InlineData("https://foo.localhost/x", null, false)]
    [InlineData("https://push.example.LOCALHOST./x", null, false)]
    [InlineData("https://metadata/x", null, false)]
    [InlineData("https://user:pw@fcm.googleapis.com/x", null, false)]
    [InlineData("http://localhost:8090/notify/abc", "http://localhost:8090", true)]
    [InlineData("http://localhost:8091/notify/abc", "http://localhost:8090", false)]
    [InlineData("/relative", null, false)]
    public void An_endpoint_must_be_a_push_service_or_the_test_origin(string endpoint, string? testOrigin, bool accepted)
    {
        var errors = new Dictionary<string, string[]>();
        Assert.Equal(accepted, PushSubscriptionRules.Endpoint(endpoint, testOrigin, errors) is not null);
        Assert.Equal(accepted, !errors.ContainsKey("endpoint"));
    }

    [Fact]
    public void Keys_of_the_wrong_size_are_refused_by_name()
    {
        var point = VapidKeys.Generate("mailto:a@example.org").PublicKey;
        var errors = new Dictionary<string, string[]>();
        Assert.NotNull(PushSubscriptionRules.Validate(new PushSubscriptionRequest("https://fcm.googleapis.com/x", new PushSubscriptionKeys(point, "AAAAAAAAAAAAAAAAAAAAAA")), null, errors));
        Assert.Null(PushSubscriptionRules.Validate(new PushSubscriptionRequest("https://fcm.googleapis.com/x", new PushSubscriptionKeys(point[..80], "AAAAAAAAAAAAAAAAAAAA")), null, errors));
        Assert.Equal(["keys.auth", "keys.p256dh"], errors.Keys.Order());
    }

    [Theory]
    [InlineData("93.184.215.14", true)]
    [InlineData("142.250.74.106", true)]
    [InlineData("2a00:1450:4007:80b::200a", true)]
    [InlineData("127.0.0.1", false)]
    [InlineData("127.83.1.1", false)]
    [InlineData("10.0.0.5", false)]
    [InlineData("172.16.0.1", false)]
    [InlineData("172.31.255.255", false)]
    [InlineData("192.168.1.1", false)]
    [InlineData("169.254.169.254", false)]
    [InlineData("100.64.0.1", false)]
    [InlineData("0.0.0.0", false)]
    [InlineData("255.255.255.255", false)]
    [InlineData("::1", false)]
    [InlineData("::", false)]
    [InlineData("fd00::2", false)]
    [InlineData("fe80::1", false)]
    [InlineData("::ffff:127.0.0.1", false)]
    [InlineData("::ffff:93.184.215.14", true)]
    public void Only_public_addresses_may_receive_pushes(string address, bool isPublic) =>
        Assert.Equal(isPublic, PushAddresses.IsPublic(System.Net.IPAddress.Parse(address)));
}
