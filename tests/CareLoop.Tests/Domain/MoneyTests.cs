using CareLoop.Platform.Results;

namespace CareLoop.Tests.Domain;

public sealed class MoneyTests
{
    [Fact]
    public void Amounts_are_whole_fen_and_sum_exactly()
    {
        var filter = Money.FromYuan(89.90m);
        var total = Enumerable.Repeat(Money.FromYuan(0.10m), 10).Aggregate(Money.Zero, (a, b) => a + b);

        Assert.Equal(8990, filter.Fen);
        Assert.Equal(new Money(100), total);
        Assert.Equal(new Money(26970), filter * 3);
        Assert.Equal(1, Money.FromYuan(0.005m).Fen);
    }

    [Theory]
    [InlineData(123450, "¥1,234.50")]
    [InlineData(0, "¥0.00")]
    [InlineData(-300, "-¥3.00")]
    public void Amounts_display_as_yuan(long fen, string expected) => Assert.Equal(expected, new Money(fen).ToString());

    [Fact]
    public void Overflow_throws_instead_of_wrapping() =>
        Assert.Throws<OverflowException>(() => new Money(long.MaxValue) + new Money(1));
}
