using System.Text.RegularExpressions;

namespace CareLoop.Modules.Customers.Domain;

/// <summary>Named rules of customers and their units; pure.</summary>
public static class CustomerRules
{
    public const int DefaultGoodwillLimitDays = 30;
    public const int MaxExtensionDays = 3650;

    /// <summary>A serial must match the model's pattern when the model has one (whole string).</summary>
    public static bool SerialMatches(string? pattern, string serial) =>
        pattern is null || Regex.IsMatch(serial, "^(?:" + pattern + ")$", RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(100));
}
