using CareLoop.Modules.Customers.Contracts;
using CareLoop.Modules.Customers.Domain;
using CareLoop.Modules.Customers.Features.CreateCustomer;
using CareLoop.Modules.Customers.Features.ExtendWarranty;
using CareLoop.Modules.Customers.Features.GetCustomer;
using CareLoop.Modules.Customers.Features.RegisterUnit;
using CareLoop.Modules.Customers.Features.RevealPhone;
using CareLoop.Modules.Customers.Features.SearchCustomers;
using CareLoop.Modules.Customers.Features.UpdateContactPreferences;
using CareLoop.Platform.Demo;
using CareLoop.Platform.Security;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CareLoop.Modules.Customers;

/// <summary>Customers: profiles, encrypted phones with blind-index lookup, GB/T 2260 addresses, consent and do-not-disturb.</summary>
public static class CustomersModule
{
    public static IServiceCollection AddCustomers(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(_ => PersonalDataProtector.FromConfiguration(configuration));
        services.AddSingleton(_ => LoadRegions());
        services.AddScoped<PhoneVault>();
        services.AddScoped<CreateCustomerHandler>();
        services.AddScoped<SearchCustomersHandler>();
        services.AddScoped<GetCustomerHandler>();
        services.AddScoped<RevealPhoneHandler>();
        services.AddScoped<RegisterUnitHandler>();
        services.AddScoped<ExtendWarrantyHandler>();
        services.AddScoped<UpdateContactPreferencesHandler>();
        services.TryAddScoped<ICustomerServiceHistory, NoServiceHistory>();
        services.AddScoped<ICustomerDirectory, CustomerDirectory>();
        services.AddScoped<IDemoSeeder, CustomersDemoSeeder>();
        return services;
    }

    public static RouteGroupBuilder MapCustomers(this RouteGroupBuilder api)
    {
        var customers = api.MapGroup("/customers").WithTags("Customers");
        customers.MapSearchCustomers();
        customers.MapCreateCustomer();
        customers.MapGetCustomer();
        customers.MapRevealPhone();
        customers.MapRegisterUnit();
        customers.MapUpdateContactPreferences();
        api.MapExtendWarranty();
        return api;
    }

    private static Regions LoadRegions()
    {
        using var stream = typeof(CustomersModule).Assembly.GetManifestResourceStream("CareLoop.Regions.tsv")
            ?? throw new InvalidOperationException("The GB/T 2260 region seed is missing (scripts/regions).");
        using var reader = new StreamReader(stream);
        return Regions.Parse(reader);
    }
}
