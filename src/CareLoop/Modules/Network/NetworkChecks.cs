using System.Globalization;
using System.Text.RegularExpressions;
using CareLoop.Modules.Catalog.Contracts;
using CareLoop.Modules.Customers.Contracts;
using CareLoop.Modules.Network.Domain;
using CareLoop.Platform.Results;

namespace CareLoop.Modules.Network;

/// <summary>
/// The checks the network's edits share: GB/T 2260 codes against the region directory, category codes against the
/// catalog, and positions inside China. Each adds field errors to the caller's <see cref="Validation"/>.
/// </summary>
public sealed partial class NetworkChecks(IRegionDirectory regions, ICatalog catalog)
{
    /// <summary>Each code must be a known district (6 digits, level district).</summary>
    public void Districts(Validation v, string field, IReadOnlyList<string>? codes)
    {
        for (var i = 0; i < (codes?.Count ?? 0); i++)
        {
            var code = codes![i]?.Trim() ?? "";
            if (!IsDistrict(code))
            {
                v.Add($"{field}[{i}]", ErrorCodes.UnknownRegion, code);
            }
        }
    }

    /// <summary>Each code is a province (2 digits), city (4) or district (6) prefix that exists.</summary>
    public void AreaPrefixes(Validation v, string field, IReadOnlyList<string>? codes)
    {
        for (var i = 0; i < (codes?.Count ?? 0); i++)
        {
            var code = codes![i]?.Trim() ?? "";
            if (!Prefix().IsMatch(code))
            {
                v.Add($"{field}[{i}]", ErrorCodes.RegionPrefix);
            }
            else if (!IsArea(code))
            {
                v.Add($"{field}[{i}]", ErrorCodes.UnknownRegion, code);
            }
        }
    }

    public async Task CategoriesAsync(Validation v, string field, IReadOnlyList<string>? codes, CancellationToken cancellationToken)
    {
        if (codes is not { Count: > 0 })
        {
            return;
        }

        var known = (await catalog.CategoriesAsync(cancellationToken)).Select(c => c.Code).ToHashSet(StringComparer.Ordinal);
        for (var i = 0; i < codes.Count; i++)
        {
            if (!known.Contains(codes[i]?.Trim().ToLowerInvariant() ?? ""))
            {
                v.Add($"{field}[{i}]", ErrorCodes.UnknownCategory, codes[i] ?? "");
            }
        }
    }

    /// <summary>Both or neither coordinate; a pair outside China is refused on the latitude field (often lat and lng swapped).</summary>
    public static void Position(Validation v, string latitudeField, string longitudeField, double? latitude, double? longitude)
    {
        switch (latitude, longitude)
        {
            case (null, null):
                return;
            case (null, _):
                v.Add(latitudeField, ErrorCodes.Required);
                return;
            case (_, null):
                v.Add(longitudeField, ErrorCodes.Required);
                return;
            case ({ } lat, { } lng) when !NetworkRules.InChina(lat, lng):
                v.Add(latitudeField, ErrorCodes.OutsideChina, lat.ToString("0.######", CultureInfo.InvariantCulture), lng.ToString("0.######", CultureInfo.InvariantCulture));
                return;
        }
    }

    public Task<IReadOnlyList<CategoryInfo>> CategoryListAsync(CancellationToken cancellationToken) => catalog.CategoriesAsync(cancellationToken);

    /// <summary>The region's name for a code, or the code itself.</summary>
    public string NameOf(string code) => regions.PathOf(Pad(code)) is { Count: > 0 } path ? path[^1].Name : code;

    public bool IsDistrict(string code) =>
        code.Length == 6 && regions.PathOf(code) is { Count: > 0 } path && path[^1] is { Level: "district" } last && last.Code == code;

    private bool IsArea(string code) => code.Length switch
    {
        2 => regions.PathOf(code + "0000") is [{ Level: "province" }],
        // Municipalities have no city level: "1101" names Beijing's districts, which hang on 110000 directly.
        4 => regions.PathOf(code + "00") is { Count: > 0 } || regions.Children(code[..2] + "0000").Any(r => r.Code.StartsWith(code, StringComparison.Ordinal)),
        _ => IsDistrict(code),
    };

    private static string Pad(string code) => code.Length < 6 ? code.PadRight(6, '0') : code;

    [GeneratedRegex("^(?:[0-9]{2}|[0-9]{4}|[0-9]{6})$")]
    private static partial Regex Prefix();
}
