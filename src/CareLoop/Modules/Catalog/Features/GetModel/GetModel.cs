using CareLoop.Modules.Catalog.Domain;
using CareLoop.Platform.Identity;
using CareLoop.Platform.Persistence;
using CareLoop.Platform.Problems;
using CareLoop.Platform.Results;
using Microsoft.EntityFrameworkCore;

namespace CareLoop.Modules.Catalog.Features.GetModel;

public sealed record PartDto(Guid Id, string Code, string Name, long ListPriceFen, bool IsWearPart);

public sealed record ConsumableDto(Guid Id, string Code, string Name, int IntervalDays, long PriceFen);

public sealed record ModelDetail(
    Guid Id, string Sku, string Name, Guid CategoryId, DateOnly? LaunchDate, string? PhotoUrl, bool IsActive, string? SerialPattern,
    WarrantyPolicy Warranty, IReadOnlyList<PartDto> Parts, IReadOnlyList<ConsumableDto> Consumables, long Version);

public sealed class GetModelHandler(CareLoopDbContext db)
{
    public async Task<Result<ModelDetail>> HandleAsync(Guid id, CancellationToken cancellationToken)
    {
        var model = await db.Set<ProductModel>()
            .AsNoTracking()
            .Include(m => m.Parts)
            .Include(m => m.Consumables)
            .SingleOrDefaultAsync(m => m.Id == id, cancellationToken);
        return model is null ? Error.NotFound() : ToDetail(model);
    }

    internal static ModelDetail ToDetail(ProductModel m) => new(
        m.Id, m.Sku, m.Name, m.CategoryId, m.LaunchDate, m.PhotoUrl, m.IsActive, m.SerialPattern, m.Warranty,
        m.Parts.OrderBy(p => p.Code).Select(p => new PartDto(p.Id, p.Code, p.Name, p.ListPriceFen, p.IsWearPart)).ToList(),
        m.Consumables.OrderBy(c => c.Code).Select(c => new ConsumableDto(c.Id, c.Code, c.Name, c.IntervalDays, c.PriceFen)).ToList(),
        m.Version);
}

public static class GetModelEndpoint
{
    public static void MapGetModel(this RouteGroupBuilder catalog) =>
        catalog.MapGet("/models/{id:guid}", async (Guid id, GetModelHandler handler, HttpContext http, CancellationToken ct) =>
                (await handler.HandleAsync(id, ct)).ToHttp(http, TypedResults.Ok))
            .RequireAuthorization(Permissions.CatalogRead)
            .WithSummary("A model with its BOM, consumables and warranty policy.");
}
