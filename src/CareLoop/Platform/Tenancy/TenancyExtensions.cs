namespace CareLoop.Platform.Tenancy;

public static class TenancyExtensions
{
    public static IServiceCollection AddTenancy(this IServiceCollection services)
    {
        services.AddScoped<TenantContext>();
        services.AddScoped<ITenantContext>(sp => sp.GetRequiredService<TenantContext>());
        services.AddSingleton<TenantScopes>();
        return services;
    }

    /// <summary>After authentication: the signed-in user (cookie) or the token's owner decides the tenant of the request.</summary>
    public static IApplicationBuilder UseTenancy(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            context.RequestServices.GetRequiredService<TenantContext>().SetFrom(context.User);
            await next(context);
        });
}
