using System.Threading.RateLimiting;

namespace CareLoop.Platform.Web;

/// <summary>Anonymous endpoints (a brand's public pages and API) are limited per client address.</summary>
public static class RateLimiting
{
    public const string Public = "public";

    public static IServiceCollection AddCareLoopRateLimiting(this IServiceCollection services, IConfiguration configuration)
    {
        var perMinute = configuration.GetValue("RateLimits:PublicPerMinute", 60);
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.AddPolicy(Public, context => RateLimitPartition.GetFixedWindowLimiter(
                context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = perMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
        });
        return services;
    }
}
