namespace CareLoop.Platform.Messaging;

public static class MessagingExtensions
{
    /// <summary>SMS through the local gateway until a provider adapter is configured (docs/adr/0009).</summary>
    public static IServiceCollection AddCareLoopMessaging(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<SmsOptions>(configuration.GetSection(SmsOptions.Section));
        services.AddSingleton<LocalSmsGateway>();
        services.AddSingleton<ISmsGateway>(sp => sp.GetRequiredService<LocalSmsGateway>());
        return services;
    }
}
