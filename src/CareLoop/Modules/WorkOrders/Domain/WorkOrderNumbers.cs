using System.Security.Cryptography;

namespace CareLoop.Modules.WorkOrders.Domain;

/// <summary>
/// <c>WO</c> + the local date (yyMMdd) + seven random Crockford base-32 characters (no I, L, O, U): short enough to read
/// out on the phone, sortable by day, and with no shared counter row to fight over at Double-11 peaks. Unique per
/// tenant by index; 34 billion numbers a day keep clashes rare even at a million orders a day (five characters gave
/// one clash per few thousand orders at a peak, docs/benchmarks.md), and a clash is retried by the handler.
/// </summary>
public static class WorkOrderNumbers
{
    private const string Alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    public static string Next(DateOnly localDate) =>
        "WO" + localDate.ToString("yyMMdd", System.Globalization.CultureInfo.InvariantCulture) +
        string.Create(7, 0, (span, _) =>
        {
            for (var i = 0; i < span.Length; i++)
            {
                span[i] = Alphabet[RandomNumberGenerator.GetInt32(Alphabet.Length)];
            }
        });
}
