using System.Globalization;
using CareLoop.Platform.Problems;
using CareLoop.Platform.Results;
using Microsoft.AspNetCore.Localization;

namespace CareLoop.Platform.Localization;

public static class LocalizationExtensions
{
    public const string DefaultCulture = "zh-CN";

    public static readonly IReadOnlyList<string> SupportedCultures = [DefaultCulture, "en"];

    private static readonly string[] CultureQueryKeys = ["culture", "ui-culture"];

    public static IServiceCollection AddCareLoopLocalization(this IServiceCollection services)
    {
        services.AddLocalization(o => o.ResourcesPath = "Resources");
        services.Configure<RequestLocalizationOptions>(o =>
        {
            var cultures = SupportedCultures.Select(c => new CultureInfo(c)).ToList();
            o.DefaultRequestCulture = new RequestCulture(DefaultCulture);
            o.SupportedCultures = cultures;
            o.SupportedUICultures = cultures;
            o.FallBackToParentCultures = true;
            o.FallBackToParentUICultures = true;
            // Chinese first: pages follow the explicit choice (query or cookie), not the browser's language;
            // API clients may ask for English with Accept-Language.
            o.RequestCultureProviders =
            [
                new QueryStringRequestCultureProvider(),
                new CookieRequestCultureProvider(),
                new ApiAcceptLanguageProvider(),
            ];
        });
        return services;
    }

    /// <summary>An unsupported <c>?culture=</c> is bad input, not a silent fallback.</summary>
    public static IApplicationBuilder UseCareLoopLocalization(this IApplicationBuilder app)
    {
        app.Use(async (context, next) =>
        {
            foreach (var key in CultureQueryKeys)
            {
                if (context.Request.Query.TryGetValue(key, out var value) && !IsSupported(value))
                {
                    var problem = context.RequestServices.GetRequiredService<ProblemFactory>()
                        .Create(context, StatusCodes.Status400BadRequest, ErrorCodes.InvalidCulture, value.ToString());
                    await TypedResults.Problem(problem).ExecuteAsync(context);
                    return;
                }
            }

            await next(context);
        });
        return app.UseRequestLocalization();
    }

    public static bool IsSupported(string? culture) =>
        culture is not null && SupportedCultures.Contains(culture, StringComparer.OrdinalIgnoreCase);

    /// <summary><c>GET /culture?c=en&amp;redirectUri=/</c>: remembers the language in a cookie (the UI's language switch).</summary>
    public static IEndpointRouteBuilder MapCultureSwitch(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/culture", IResult (HttpContext context, string? c, string? redirectUri) =>
        {
            if (!IsSupported(c))
            {
                return context.Problem(new Error(ErrorCodes.InvalidCulture, StatusCodes.Status400BadRequest, null, c ?? ""));
            }

            context.Response.Cookies.Append(
                CookieRequestCultureProvider.DefaultCookieName,
                CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(c!)),
                new CookieOptions { Expires = DateTimeOffset.MaxValue.AddDays(-1), IsEssential = true, SameSite = SameSiteMode.Lax, HttpOnly = false });
            var target = redirectUri is { Length: > 0 } && redirectUri.StartsWith('/') && !redirectUri.StartsWith("//", StringComparison.Ordinal)
                ? redirectUri
                : "/";
            return TypedResults.LocalRedirect(target);
        }).ExcludeFromDescription().AllowAnonymous();
        return endpoints;
    }

    private sealed class ApiAcceptLanguageProvider : RequestCultureProvider
    {
        private readonly AcceptLanguageHeaderRequestCultureProvider _inner = new();

        public override Task<ProviderCultureResult?> DetermineProviderCultureResult(HttpContext httpContext) =>
            httpContext.IsApi() ? _inner.DetermineProviderCultureResult(httpContext) : NullProviderCultureResult;
    }
}
