using System.Globalization;

namespace CareLoop.Platform.Results;

/// <summary>
/// An amount of CNY in 分 (fen, 1/100 yuan). Stored and computed as a <c>long</c>: never a float, so sums
/// reconcile to the fen. Other currencies arrive when a tenant needs one.
/// </summary>
public readonly record struct Money(long Fen) : IComparable<Money>
{
    public static readonly Money Zero = new(0);

    /// <summary>From a yuan amount typed by a person; rounds half away from zero to the fen.</summary>
    public static Money FromYuan(decimal yuan) => new((long)decimal.Round(yuan * 100m, 0, MidpointRounding.AwayFromZero));

    public decimal Yuan => Fen / 100m;

    public static Money operator +(Money a, Money b) => new(checked(a.Fen + b.Fen));

    public static Money operator -(Money a, Money b) => new(checked(a.Fen - b.Fen));

    public static Money operator *(Money a, int quantity) => new(checked(a.Fen * quantity));

    public static Money operator -(Money a) => new(checked(-a.Fen));

    public static bool operator <(Money a, Money b) => a.Fen < b.Fen;

    public static bool operator >(Money a, Money b) => a.Fen > b.Fen;

    public static bool operator <=(Money a, Money b) => a.Fen <= b.Fen;

    public static bool operator >=(Money a, Money b) => a.Fen >= b.Fen;

    public int CompareTo(Money other) => Fen.CompareTo(other.Fen);

    /// <summary><c>¥1,234.50</c>; negative amounts as <c>-¥3.00</c>.</summary>
    public override string ToString() =>
        (Fen < 0 ? "-" : "") + "¥" + (Math.Abs(Fen) / 100m).ToString("#,0.00", CultureInfo.InvariantCulture);
}
