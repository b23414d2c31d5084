using System.Security.Cryptography;
using CareLoop.Modules.Customers.Domain;
using CareLoop.Platform.Security;

namespace CareLoop.Tests.Domain;

public sealed class PersonalDataTests
{
    private static readonly PersonalDataProtector Protector = new(RandomNumberGenerator.GetBytes(32));

    [Fact]
    public void Encryption_round_trips_never_repeats_and_detects_tampering()
    {
        var a = Protector.Encrypt("+8613812345678");
        var b = Protector.Encrypt("+8613812345678");
        var tampered = a[..^4] + (a[^4] == 'A' ? 'B' : 'A') + a[^3..];

        Assert.Equal("+8613812345678", Protector.Decrypt(a));
        Assert.NotEqual(a, b);
        Assert.DoesNotContain("13812345678", a, StringComparison.Ordinal);
        Assert.ThrowsAny<CryptographicException>(() => Protector.Decrypt(tampered));
        Assert.ThrowsAny<CryptographicException>(() => new PersonalDataProtector(RandomNumberGenerator.GetBytes(32)).Decrypt(a));
    }

    [Fact]
    public void The_blind_index_is_stable_within_a_tenant_and_unlinkable_across_tenants()
    {
        var brand = Guid.NewGuid();

        Assert.Equal(Protector.BlindIndex(brand, "+8613812345678"), Protector.BlindIndex(brand, "+8613812345678"));
        Assert.NotEqual(Protector.BlindIndex(brand, "+8613812345678"), Protector.BlindIndex(Guid.NewGuid(), "+8613812345678"));
        Assert.NotEqual(Protector.BlindIndex(brand, "+8613812345678"), Protector.BlindIndex(brand, "+8613812345679"));
    }

    [Theory]
    [InlineData("13812345678", "+8613812345678")]
    [InlineData("138 1234 5678", "+8613812345678")]
    [InlineData("+86 138-1234-5678", "+8613812345678")]
    [InlineData("0512-6523 4567", "+8651265234567")]
    [InlineData("1381234567", null)]
    [InlineData("hello", null)]
    [InlineData("", null)]
    public void Phones_normalise_to_e164_with_china_as_the_default(string input, string? expected) =>
        Assert.Equal(expected, PhoneNumberRules.Normalize(input));

    [Fact]
    public void Mobile_numbers_are_masked_like_138_stars_5678() =>
        Assert.Equal("138****5678", PhoneNumberRules.Mask("+8613812345678"));

    [Fact]
    public void Regions_resolve_districts_to_their_province_and_city()
    {
        var regions = Regions.Parse(new StringReader("# test\n110000\t北京市\tprovince\t\n110101\t东城区\tdistrict\t110000\n320000\t江苏省\tprovince\t\n320500\t苏州市\tcity\t320000\n320508\t姑苏区\tdistrict\t320500\n"));

        Assert.Equal(new RegionPath("320000", "江苏省", "320500", "苏州市", "320508", "姑苏区"), regions.PathOf("320508"));
        Assert.Equal(new RegionPath("110000", "北京市", "110000", "北京市", "110101", "东城区"), regions.PathOf("110101"));
        Assert.Null(regions.PathOf("320500"));
        Assert.Null(regions.PathOf("999999"));
    }
}
