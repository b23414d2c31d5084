using System.Security.Claims;
using CareLoop.Modules.Field.Features.AnswerJob;
using CareLoop.Modules.Field.Features.CallCustomer;
using CareLoop.Modules.Field.Features.ExactlyOnce;
using CareLoop.Modules.Field.Features.FinishJob;
using CareLoop.Modules.Field.Features.MyJobs;
using CareLoop.Modules.Field.Features.SignIn;
using CareLoop.Modules.Field.Features.WorkJob;
using CareLoop.Platform.Identity;
using CareLoop.Platform.Problems;
using CareLoop.Platform.Web;
using CareLoop.Platform.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace CareLoop.Modules.Field;

/// <summary>
/// Field: the engineer's phone (issue 7). Owns no work orders: it reads and moves them through the WorkOrders,
/// Dispatch and Customers contracts, and keeps only the receipts that make every action count once. Pages under
/// <c>/m</c> (static SSR, see ADR 0003) and the same use cases under <c>/api/v1/field</c>.
/// </summary>
public static class FieldModule
{
    public static IServiceCollection AddField(this IServiceCollection services)
    {
        services.AddScoped<ExactlyOnceActions>();
        services.AddScoped<MyJobsHandler>();
        services.AddScoped<AnswerJobHandler>();
        services.AddScoped<CallCustomerHandler>();
        services.AddScoped<MobileSignInHandler>();
        services.AddScoped<FinishJobHandler>();
        services.AddScoped<WorkJobHandler>();
        return services;
    }

    /// <summary>The phone app's web manifest (installable PWA, ADR 0020), in the user's language.</summary>
    public static IEndpointRouteBuilder MapFieldApp(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/m/manifest.webmanifest", (IStringLocalizer<SharedResource> t) => TypedResults.Json(
                new
                {
                    name = t["Mobile.App.Name"].Value,
                    short_name = t["Mobile.App.ShortName"].Value,
                    start_url = "/m",
                    scope = "/m",
                    display = "standalone",
                    orientation = "portrait",
                    background_color = "#f3f6f6",
                    theme_color = "#0b6e69",
                    icons = new[]
                    {
                        new { src = "/icons/careloop-192.png", sizes = "192x192", type = "image/png", purpose = "any maskable" },
                        new { src = "/icons/careloop-512.png", sizes = "512x512", type = "image/png", purpose = "any maskable" },
                    },
                },
                contentType: "application/manifest+json"))
            .AllowAnonymous()
            .ExcludeFromDescription();

        // The open list page asks this for new assignments (mobile-app.js). The page's own cookie, like /downloads: a
        // GET with no side effects (the bearer-only API stays free of cookies and CSRF).
        endpoints.MapGet("/m/jobs.json", async (ClaimsPrincipal user, MyJobsHandler jobs, HttpContext http, CancellationToken ct) =>
                (await jobs.ListAsync(user, ct)).ToHttp(http, view => TypedResults.Ok(view.Today.Concat(view.Upcoming).Select(j => new { j.Id, j.Number }))))
            .RequireAuthorization(Permissions.MobileUse)
            .ExcludeFromDescription();
        return endpoints;
    }

    public static RouteGroupBuilder MapField(this RouteGroupBuilder api)
    {
        var signIn = api.MapGroup("/field/sign-in").WithTags("Field").AllowAnonymous().RequireRateLimiting(RateLimiting.Public);
        signIn.MapPost("/code", async (MobileCodeRequest body, MobileSignInHandler handler, HttpContext http, CancellationToken ct) =>
                (await handler.SendCodeAsync(body, ct)).ToHttp(http, TypedResults.Ok))
            .WithSummary("Send a one-time sign-in code to an engineer's mobile ({ tenant, mobile }); the answer is the same whether or not the number is an account's.");
        signIn.MapPost("/token", async (MobileSignInRequest body, MobileSignInHandler handler, ApiTokenService tokens, HttpContext http, CancellationToken ct) =>
            {
                var verified = await handler.VerifyAsync(body, ct);
                if (!verified.IsSuccess)
                {
                    return http.Problem(verified.Error!);
                }

                var issued = await tokens.IssueSessionAsync(verified.Value!, ct);
                return TypedResults.Ok(new TokenResponse(issued.AccessToken, "Bearer", issued.ExpiresIn));
            })
            .WithSummary("Sign in with { tenant, mobile } and a password or the SMS code: a bearer token (1 hour), as /auth/token gives.");

        var field = api.MapGroup("/field/jobs").WithTags("Field").RequireAuthorization(Permissions.MobileUse);
        field.MapGet("/", async (ClaimsPrincipal user, MyJobsHandler jobs, HttpContext http, CancellationToken ct) =>
                (await jobs.ListAsync(user, ct)).ToHttp(http, TypedResults.Ok))
            .WithSummary("My jobs (engineers): today, upcoming and the grab pool offered to me.");
        field.MapGet("/{id:guid}", async (Guid id, ClaimsPrincipal user, MyJobsHandler jobs, HttpContext http, CancellationToken ct) =>
                (await jobs.FindAsync(user, id, ct)).ToHttp(http, TypedResults.Ok))
            .WithSummary("One of my jobs, or a pool offer made to me; 404 for anybody else's.");
        field.MapPost("/{id:guid}/actions", async (
                    Guid id, JobActionRequest body, [FromHeader(Name = "Idempotency-Key")] string? key, ClaimsPrincipal user, AnswerJobHandler handler,
                    HttpContext http, CancellationToken ct) =>
                (await handler.HandleAsync(user, id, body with { IdempotencyKey = body.IdempotencyKey ?? key }, ct)).ToHttp(http, TypedResults.Ok))
            .WithSummary("{ action: accept|decline|grab, expectedVersion?, reason?, offerId? } with an Idempotency-Key header (or idempotencyKey): done once per key; a resend gets the first answer (replayed: true).");
        field.MapPost("/{id:guid}/customer-phone", async (Guid id, ClaimsPrincipal user, CallCustomerHandler handler, HttpContext http, CancellationToken ct) =>
                (await handler.HandleAsync(user, id, ct)).ToHttp(http, TypedResults.Ok))
            .WithSummary("The customer's full number for my own job (to call); audited.");
        field.MapFinishJob();
        field.MapWorkJob();
        return api;
    }
}
