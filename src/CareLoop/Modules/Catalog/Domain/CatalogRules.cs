namespace CareLoop.Modules.Catalog.Domain;

/// <summary>Named rules of the catalog; pure.</summary>
public static class CatalogRules
{
    public const int MaxWarrantyMonths = 240;
    public const int MaxConsumableIntervalDays = 3650;

    /// <summary>Codes and SKUs: letters, digits, <c>-</c>, <c>_</c>, <c>.</c>; no spaces (they travel in URLs and QR codes).</summary>
    public static bool IsValidCode(string code)
    {
        var trimmed = code.Trim();
        return trimmed.Length > 0 && trimmed.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.');
    }
}
