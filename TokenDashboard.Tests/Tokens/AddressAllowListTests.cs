using System.Net;
using TokenDashboard.Tokens;

namespace TokenDashboard.Tests.Tokens;

/// <summary>The allow-list rules that the dialog and the API share (through TokenDraftValidator).</summary>
public sealed class AddressAllowListTests
{
    private static Result<List<string>> Normalize(params string[] entries) => AddressAllowList.Normalize(entries);

    [Theory]
    [InlineData("203.0.113.7", "203.0.113.7")]
    [InlineData(" 10.0.0.0/8 ", "10.0.0.0/8")]
    [InlineData("0.0.0.0/0", "0.0.0.0/0")]
    [InlineData("198.51.100.7/32", "198.51.100.7")]
    [InlineData("2001:DB8::/32", "2001:db8::/32")]
    [InlineData("2001:db8:0:0:0:0:0:1", "2001:db8::1")]
    [InlineData("::ffff:203.0.113.7", "203.0.113.7")]
    public void Addresses_and_ranges_are_kept_in_canonical_form(string entry, string canonical)
    {
        var result = Normalize(entry);

        Assert.True(result.Succeeded, result.Error?.Message);
        Assert.Equal([canonical], result.Value);
    }

    [Theory]
    [InlineData("10.1")]
    [InlineData("1")]
    [InlineData("300.1.1.1")]
    [InlineData("1.2.3.4.5")]
    [InlineData("example.com")]
    [InlineData("1.2.3.4/33")]
    [InlineData("2001:db8::/129")]
    [InlineData("1.2.3.4/")]
    [InlineData("1.2.3.4/-1")]
    [InlineData("/24")]
    [InlineData("fe80::1%eth0")]
    [InlineData("10.0.0.1/24")]
    [InlineData("2001:db8::1/32")]
    [InlineData("<script>alert(1)</script>")]
    public void Malformed_entries_are_refused_naming_ipList(string entry)
    {
        var result = Normalize("203.0.113.7", entry);

        Assert.False(result.Succeeded);
        Assert.Equal(ErrorKind.InvalidParameter, result.Error!.Kind);
        Assert.Equal("ipList", result.Error.Field);
    }

    [Fact]
    public void A_range_with_host_bits_set_suggests_the_network()
    {
        var result = Normalize("10.0.0.1/24");

        Assert.Contains("did you mean 10.0.0.0/24?", result.Error!.Message);
    }

    [Fact]
    public void Ten_thousand_entries_are_refused_with_the_limit_and_without_echoing_them()
    {
        var entries = Enumerable.Range(0, 10_000).Select(i => $"10.{i / 256 % 256}.{i % 256}.1").ToArray();

        var result = Normalize(entries);

        Assert.False(result.Succeeded);
        Assert.Contains("10,000 entries", result.Error!.Message);
        Assert.Contains($"at most {AddressAllowList.MaxEntries}", result.Error.Message);
        Assert.True(result.Error.Message.Length < 300);
    }

    [Fact]
    public void A_repeated_entry_is_refused()
    {
        Assert.Contains("listed twice", Normalize("10.0.0.0/8", "10.0.0.0/8").Error!.Message);
    }

    [Fact]
    public void An_overlong_entry_is_not_echoed_in_full()
    {
        var result = Normalize(new string('1', 10_000));

        Assert.True(result.Error!.Message.Length < 120);
    }

    [Theory]
    [InlineData("203.0.113.7", true)]
    [InlineData("203.0.113.8", false)]
    [InlineData("10.200.3.4", true)]
    [InlineData("11.0.0.1", false)]
    [InlineData("2001:db8:ffff::1", true)]
    [InlineData("2001:db9::1", false)]
    [InlineData("::ffff:10.1.2.3", true)]
    public void Allows_checks_addresses_against_each_entry(string client, bool allowed)
    {
        var networks = AddressAllowList.Networks(Normalize("203.0.113.7", "10.0.0.0/8", "2001:db8::/32").Value!);

        Assert.Equal(allowed, AddressAllowList.Allows(networks, IPAddress.Parse(client)));
    }

    [Fact]
    public void An_empty_list_allows_every_address_and_a_limited_list_no_unknown_one()
    {
        Assert.True(AddressAllowList.Allows([], IPAddress.Parse("198.51.100.1")));
        Assert.True(AddressAllowList.Allows([], (IPAddress?)null));
        Assert.False(AddressAllowList.Allows(AddressAllowList.Networks(["10.0.0.0/8"]), (IPAddress?)null));
    }

    [Fact]
    public void Split_reads_lines_commas_semicolons_and_spaces()
    {
        Assert.Equal(["10.0.0.0/8", "203.0.113.7", "2001:db8::1", "198.51.100.1"],
            AddressAllowList.Split("10.0.0.0/8\n203.0.113.7, 2001:db8::1;198.51.100.1\r\n"));
        Assert.Empty(AddressAllowList.Split("  \n "));
        Assert.Empty(AddressAllowList.Split(null));
    }
}
