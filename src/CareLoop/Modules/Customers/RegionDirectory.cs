using CareLoop.Modules.Customers.Contracts;
using CareLoop.Modules.Customers.Domain;

namespace CareLoop.Modules.Customers;

internal sealed class RegionDirectory(Regions regions) : IRegionDirectory
{
    public IReadOnlyList<RegionEntry> PathOf(string code)
    {
        var path = new List<RegionEntry>(3);
        for (var region = regions.Find(code); region is not null && path.Count < 3; region = region.ParentCode is { } parent ? regions.Find(parent) : null)
        {
            path.Insert(0, Entry(region));
        }

        return path;
    }

    public IReadOnlyList<RegionEntry> Children(string? parentCode) => regions.Children(parentCode).Select(Entry).ToList();

    public string? DistrictCodeOf(string? province, string? city, string? district) => regions.DistrictCodeOf(province, city, district);

    private static RegionEntry Entry(Region r) => new(r.Code, r.Name, r.Level);
}
