using CareLoop.Modules.Customers.Contracts;
using CareLoop.Modules.Customers.Domain;
using CareLoop.Modules.Customers.Features.AttachInvoice;
using CareLoop.Modules.Customers.Features.CreateCustomer;
using CareLoop.Modules.Customers.Features.ExtendWarranty;
using CareLoop.Modules.Customers.Features.ExportCustomers;
using CareLoop.Modules.Customers.Features.GetCustomer;
using CareLoop.Modules.Customers.Features.ImportCustomers;
using CareLoop.Modules.Customers.Features.RegisterUnit;
using CareLoop.Modules.Customers.Features.RevealPhone;
using CareLoop.Modules.Customers.Features.SearchCustomers;
using CareLoop.Modules.Customers.Features.Codes;
using CareLoop.Modules.Customers.Features.SelfRegister;
using CareLoop.Modules.Customers.Features.TransferUnit;
using CareLoop.Modules.Customers.Features.UpdateContactPreferences;
using CareLoop.Modules.Customers.Features.WarrantySettings;
using CareLoop.Platform.Demo;
using CareLoop.Platform.Imports;
using CareLoop.Platform.Security;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Quartz;

namespace CareLoop.Modules.Customers;

/// <summary>Customers: profiles, encrypted phones with blind-index lookup, GB/T 2260 addresses, consent and do-not-disturb.</summary>
public static class CustomersModule
{
    public static IServiceCollection AddCustomers(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(_ => PersonalDataProtector.FromConfiguration(configuration));
        services.AddSingleton(_ => LoadRegions());
        services.AddSingleton<IRegionDirectory, RegionDirectory>();
        services.AddScoped<PhoneVault>();
        services.AddScoped<CreateCustomerHandler>();
        services.AddScoped<SearchCustomersHandler>();
        services.AddScoped<GetCustomerHandler>();
        services.AddScoped<RevealPhoneHandler>();
        services.AddScoped<RegisterUnitHandler>();
        services.AddScoped<ExtendWarrantyHandler>();
        services.AddScoped<UpdateContactPreferencesHandler>();
        services.AddScoped<UnitWarranty>();
        services.AddSingleton(_ => UrlSigner.FromConfiguration(configuration));
        services.AddSingleton<RegistrationLinks>();
        services.AddScoped<CreateRegistrationLinkHandler>();
        services.AddScoped<ICustomerIntake, CustomerIntake>();
        services.AddScoped<OneTimeCodes>();
        services.AddScoped<ICustomerCodes>(sp => sp.GetRequiredService<OneTimeCodes>());
        services.AddScoped<IPhoneCodes>(sp => sp.GetRequiredService<OneTimeCodes>());
        services.AddScoped<SendRegistrationCodeHandler>();
        services.AddScoped<SelfRegisterHandler>();
        services.AddScoped<AttachInvoiceHandler>();
        services.AddScoped<TransferUnitHandler>();
        services.AddScoped<WarrantySettingsHandler>();
        services.AddScoped<ImportCustomersHandler>();
        services.AddBackgroundImports<ImportJob, ImportProcessor>(configuration, new JobKey("run-customer-imports", "customers"));
        services.AddScoped<ImportErrorReport>();
        services.AddScoped<ExportCustomersHandler>();
        services.TryAddScoped<ICustomerServiceHistory, NoServiceHistory>();
        services.AddScoped<ICustomerDirectory, CustomerDirectory>();
        services.AddScoped<IUnitRoster, UnitRoster>();
        services.AddScoped<IDemoSeeder, CustomersDemoSeeder>();
        return services;
    }

    public static RouteGroupBuilder MapCustomers(this RouteGroupBuilder api, RouteGroupBuilder downloads)
    {
        var customers = api.MapGroup("/customers").WithTags("Customers");
        customers.MapSearchCustomers();
        customers.MapCreateCustomer();
        customers.MapGetCustomer();
        customers.MapRevealPhone();
        customers.MapRegisterUnit();
        customers.MapUpdateContactPreferences();
        api.MapExtendWarranty();
        api.MapRegistrationLinks();
        api.MapSelfRegistration();
        api.MapAttachInvoice(downloads);
        api.MapTransferUnit();
        api.MapWarrantySettings();
        api.MapCustomerImports(downloads);
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
