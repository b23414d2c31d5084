using CareLoop.Modules.Payments.Contracts;
using CareLoop.Modules.Payments.Features.RecordPayment;
using CareLoop.Modules.Payments.Features.WeChatNotify;
using CareLoop.Modules.Payments.Gateway;

namespace CareLoop.Modules.Payments;

/// <summary>
/// Payments (issue 7, ADR 0023): what customers pay for chargeable work, by cash or a WeChat Pay Native QR, and the
/// signed notification that marks a QR order paid. Other modules see only <see cref="IPayments"/>.
/// </summary>
public static class PaymentsModule
{
    public static IServiceCollection AddPayments(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<WeChatPayOptions>(configuration.GetSection(WeChatPayOptions.Section));
        services.AddSingleton<WeChatPayKeys>();
        services.AddSingleton<LocalWeChatPay>();
        services.AddSingleton<IPaymentGateway>(sp => sp.GetRequiredService<LocalWeChatPay>());
        services.AddScoped<IPayments, PaymentLedger>();
        services.AddScoped<WeChatNotifyHandler>();
        services.AddHttpClient();
        return services;
    }

    public static RouteGroupBuilder MapPayments(this RouteGroupBuilder api)
    {
        api.MapWeChatNotify();
        return api;
    }
}
