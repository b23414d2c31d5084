using CareLoop.Platform.Identity;

namespace CareLoop.Tests.Domain;

public sealed class ApiTokenTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Only_the_hash_is_kept_and_the_plain_token_is_unguessable()
    {
        var (token, plain) = ApiToken.Issue(Guid.NewGuid(), Guid.NewGuid(), ApiTokenKind.Personal, "ci", Now, TimeSpan.FromDays(1));
        var (_, other) = ApiToken.Issue(Guid.NewGuid(), Guid.NewGuid(), ApiTokenKind.Personal, "ci", Now, TimeSpan.FromDays(1));

        Assert.StartsWith(ApiToken.Prefix, plain, StringComparison.Ordinal);
        Assert.True(plain.Length >= 40);
        Assert.NotEqual(plain, other);
        Assert.Equal(ApiToken.HashOf(plain), token.Hash);
        Assert.DoesNotContain(plain, token.Hash, StringComparison.Ordinal);
        Assert.Equal(plain[..8], token.Hint);
    }

    [Fact]
    public void A_token_is_usable_until_it_expires_or_is_revoked()
    {
        var (token, _) = ApiToken.Issue(Guid.NewGuid(), Guid.NewGuid(), ApiTokenKind.Session, "session", Now, TimeSpan.FromHours(1));

        Assert.True(token.IsUsable(Now.AddMinutes(59)));
        Assert.False(token.IsUsable(Now.AddHours(1)));
        token.Revoke(Now.AddMinutes(1));
        Assert.False(token.IsUsable(Now.AddMinutes(2)));
    }
}
