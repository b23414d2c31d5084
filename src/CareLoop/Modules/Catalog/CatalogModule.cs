using CareLoop.Modules.Catalog.Contracts;
using CareLoop.Modules.Catalog.Features.Categories;
using CareLoop.Modules.Catalog.Features.FaultCodes;
using CareLoop.Modules.Catalog.Features.GetModel;
using CareLoop.Modules.Catalog.Features.ListModels;
using CareLoop.Modules.Catalog.Features.SaveModel;
using CareLoop.Platform.Demo;

namespace CareLoop.Modules.Catalog;

/// <summary>Product archive: categories, models with BOM, consumables and warranty policies, fault codes.</summary>
public static class CatalogModule
{
    public static IServiceCollection AddCatalog(this IServiceCollection services)
    {
        services.AddScoped<CategoriesHandler>();
        services.AddScoped<ListModelsHandler>();
        services.AddScoped<GetModelHandler>();
        services.AddScoped<SaveModelHandler>();
        services.AddScoped<FaultCodesHandler>();
        services.AddScoped<ICatalog, CatalogDirectory>();
        services.AddScoped<IDemoSeeder, CatalogDemoSeeder>();
        return services;
    }

    public static RouteGroupBuilder MapCatalog(this RouteGroupBuilder api)
    {
        var catalog = api.MapGroup("/catalog").WithTags("Catalog");
        catalog.MapCategories();
        catalog.MapListModels();
        catalog.MapGetModel();
        catalog.MapSaveModel();
        catalog.MapFaultCodes();
        return api;
    }
}
