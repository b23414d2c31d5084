using CareLoop.Platform.Identity;
using Microsoft.AspNetCore.Authorization;
using Scalar.AspNetCore;

namespace CareLoop.Platform.Web;

public static class ApiExtensions
{
    public static IServiceCollection AddCareLoopApi(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOpenApi("v1", o => o.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "CareLoop API";
            document.Info.Version = "v1";
            document.Info.Description = "CareLoop after-sales service cloud. Authenticate with POST /api/v1/auth/token, then send Authorization: Bearer <accessToken>.";
            return Task.CompletedTask;
        }));
        var maxBody = configuration.GetValue<long?>("Api:MaxRequestBodyBytes") ?? 1_048_576;
        services.Configure<Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions>(o => o.Limits.MaxRequestBodySize = maxBody);
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter(System.Text.Json.JsonNamingPolicy.CamelCase)));
        return services;
    }

    /// <summary>The <c>/api/v1</c> group: bearer tokens only (no cookies, so no CSRF surface), problem details for errors.</summary>
    public static RouteGroupBuilder MapApiV1(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapGroup("/api/v1")
            .RequireAuthorization(new AuthorizeAttribute { AuthenticationSchemes = ApiTokenDefaults.Scheme })
            .DisableAntiforgery();

    /// <summary>
    /// <c>/downloads</c>: files the staff UI links to (error reports, exports, invoices). Same handlers as the API, but
    /// authenticated by the UI's cookie (a GET with no side effects besides the audit record, so no CSRF surface).
    /// </summary>
    public static RouteGroupBuilder MapDownloads(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapGroup("/downloads").RequireAuthorization().ExcludeFromDescription();

    public static IEndpointRouteBuilder MapApiDocs(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapOpenApi("/api/openapi/{documentName}.json");
        endpoints.MapScalarApiReference("/api/docs", o => o
            .WithTitle("CareLoop API")
            .WithOpenApiRoutePattern("/api/openapi/{documentName}.json"));
        return endpoints;
    }
}
