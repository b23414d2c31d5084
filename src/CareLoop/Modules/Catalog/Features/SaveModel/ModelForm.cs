using System.Globalization;
using CareLoop.Modules.Catalog.Domain;
using CareLoop.Modules.Catalog.Features.GetModel;

namespace CareLoop.Modules.Catalog.Features.SaveModel;

/// <summary>The editable state of the model page; prices are typed in yuan and sent in fen.</summary>
internal sealed class ModelForm
{
    public string? Sku { get; set; }

    public string? Name { get; set; }

    public Guid? CategoryId { get; set; }

    public string? LaunchDate { get; set; }

    public string? PhotoUrl { get; set; }

    public string? SerialPattern { get; set; }

    public bool IsActive { get; set; } = true;

    public int MainUnitMonths { get; set; } = 12;

    public int WearPartsMonths { get; set; } = 3;

    public WarrantyStartRule StartRule { get; set; } = WarrantyStartRule.InvoiceDate;

    public int StartOffset { get; set; }

    public bool Transfers { get; set; } = true;

    public long? Version { get; set; }

    public List<ComponentRow> Components { get; } = [];

    public List<ItemRow> Consumables { get; } = [];

    public List<ItemRow> Parts { get; } = [];

    public void Load(ModelDetail m)
    {
        (Sku, Name, CategoryId, PhotoUrl, SerialPattern, IsActive, Version) = (m.Sku, m.Name, m.CategoryId, m.PhotoUrl, m.SerialPattern, m.IsActive, m.Version);
        LaunchDate = m.LaunchDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        (MainUnitMonths, WearPartsMonths, StartRule, StartOffset, Transfers) =
            (m.Warranty.MainUnitMonths, m.Warranty.WearPartsMonths, m.Warranty.StartRule, m.Warranty.StartOffset, m.Warranty.TransfersWithOwnership);
        Replace(Components, m.Warranty.Components.Select(c => new ComponentRow { Name = c.Component, Months = c.Months }));
        Replace(Consumables, m.Consumables.Select(c => new ItemRow { Code = c.Code, Name = c.Name, IntervalDays = c.IntervalDays, PriceYuan = c.PriceFen / 100m }));
        Replace(Parts, m.Parts.Select(p => new ItemRow { Code = p.Code, Name = p.Name, PriceYuan = p.ListPriceFen / 100m, IsWearPart = p.IsWearPart }));
    }

    public SaveModelRequest ToRequest() => new(
        Sku, Name, CategoryId,
        DateOnly.TryParseExact(LaunchDate, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null,
        PhotoUrl, IsActive, SerialPattern,
        new WarrantyPolicy(MainUnitMonths, WearPartsMonths, StartRule, StartOffset, Transfers,
            Components.Select(c => new ComponentWarranty(c.Name ?? "", c.Months)).ToList()),
        Parts.Select(p => new PartInput(p.Code, p.Name, Fen(p.PriceYuan), p.IsWearPart)).ToList(),
        Consumables.Select(c => new ConsumableInput(c.Code, c.Name, c.IntervalDays, Fen(c.PriceYuan))).ToList(),
        Version);

    private static long Fen(decimal yuan) => CareLoop.Platform.Results.Money.FromYuan(yuan).Fen;

    private static void Replace<T>(List<T> list, IEnumerable<T> items)
    {
        list.Clear();
        list.AddRange(items);
    }

    internal sealed class ComponentRow
    {
        public string? Name { get; set; }

        public int Months { get; set; } = 12;
    }

    internal sealed class ItemRow
    {
        public string? Code { get; set; }

        public string? Name { get; set; }

        public int IntervalDays { get; set; } = 90;

        public decimal PriceYuan { get; set; }

        public bool IsWearPart { get; set; }
    }
}
