namespace CareLoop.Modules.Customers.Contracts;

/// <summary>
/// GB/T 2260 reference data for other modules (the same for every tenant): a code's province → city → district path
/// and each level's children, for area filters and area names in lists.
/// </summary>
public interface IRegionDirectory
{
    /// <summary>The path from the province down to the code itself (one to three entries); empty for an unknown code.</summary>
    IReadOnlyList<RegionEntry> PathOf(string code);

    /// <summary>The provinces (<paramref name="parentCode"/> null), a province's cities (or a municipality's districts), or a city's districts, by code.</summary>
    IReadOnlyList<RegionEntry> Children(string? parentCode);

    /// <summary>The district code for province, city and district names as shops write them (suffixes optional); null when unknown or ambiguous.</summary>
    string? DistrictCodeOf(string? province, string? city, string? district);
}

/// <param name="Level"><c>province</c>, <c>city</c> or <c>district</c>.</param>
public sealed record RegionEntry(string Code, string Name, string Level);
