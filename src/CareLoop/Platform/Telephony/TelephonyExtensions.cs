namespace CareLoop.Platform.Telephony;

public static class TelephonyExtensions
{
    /// <summary>Privacy numbers through the local adapter until a provider adapter is configured (docs/adr/0021).</summary>
    public static IServiceCollection AddCareLoopTelephony(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<PrivacyNumberOptions>(configuration.GetSection(PrivacyNumberOptions.Section));
        services.AddSingleton<LocalPrivacyNumbers>();
        services.AddSingleton<IPrivacyNumbers>(sp => sp.GetRequiredService<LocalPrivacyNumbers>());
        return services;
    }
}
