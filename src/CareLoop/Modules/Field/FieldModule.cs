using System.Security.Claims;
using CareLoop.Modules.Field.Features.AnswerJob;
using CareLoop.Modules.Field.Features.BookVisit;
using CareLoop.Modules.Field.Features.CallCustomer;
using CareLoop.Modules.Field.Features.CheckIn;
using CareLoop.Modules.Field.Features.ExactlyOnce;
using CareLoop.Modules.Field.Features.FinishJob;
using CareLoop.Modules.Field.Features.FieldSettings;
using CareLoop.Modules.Field.Features.ForgetOldReceipts;
using CareLoop.Modules.Field.Features.ReleasePrivacyNumbers;
using CareLoop.Modules.Field.Features.LogContact;
using CareLoop.Modules.Field.Features.MyJobs;
using CareLoop.Modules.Field.Features.SignIn;
using CareLoop.Modules.Field.Features.WorkJob;
using CareLoop.Modules.WorkOrders.Contracts;
using CareLoop.Platform.Identity;
using CareLoop.Platform.Outbox;
using CareLoop.Platform.Problems;
using CareLoop.Platform.Web;
using CareLoop.Platform.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Quartz;

namespace CareLoop.Modules.Field;

/// <summary>
/// Field: the engineer's phone (issue 7). Owns no work orders: it reads and moves them through the WorkOrders,
/// Dispatch and Customers contracts, and keeps only the receipts that make every action count once. Pages under
/// <c>/m</c> (static SSR, see ADR 0003) and the same use cases under <c>/api/v1/field</c>.
/// </summary>
public static class FieldModule
{
    public static IServiceCollection AddField(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddScoped<ExactlyOnceActions>();
        services.AddScoped<MyJobsHandler>();
        services.AddScoped<AnswerJobHandler>();
        services.AddScoped<CallCustomerHandler>();
        services.AddScoped<MobileSignInHandler>();
        services.AddScoped<FinishJobHandler>();
        services.AddScoped<WorkJobHandler>();
        services.AddScoped<FieldSettingsHandler>();
        services.AddScoped<LogContactHandler>();
        services.AddScoped<BookVisitHandler>();
        services.AddScoped<CheckInHandler>();
        services.AddSingleton(new WorkOrderPagePanel(typeof(CheckInPanel)));
        services.AddOutboxHandler<WorkOrderTransitioned, ReleasePrivacyNumbersOnClose>();
        AddReceiptSweep(services, configuration);
        return services;
    }

    /// <summary>The nightly sweep of old receipts (ADR 0020): <c>Field:Receipts:RetentionDays</c>, <c>Cron</c>, <c>BatchSize</c>.</summary>
    private static void AddReceiptSweep(IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ReceiptRetentionOptions>()
            .Bind(configuration.GetSection(ReceiptRetentionOptions.Section))
            .Validate(o => o.RetentionDays >= ReceiptRetentionOptions.MinRetentionDays, $"Field:Receipts:RetentionDays must be at least {ReceiptRetentionOptions.MinRetentionDays}.")
            .Validate(o => o.BatchSize is >= 1 and <= 100_000, "Field:Receipts:BatchSize must be between 1 and 100000.")
            .Validate(o => CronExpression.TryParse(o.Cron, out _), "Field:Receipts:Cron must be a Quartz cron expression.")
            .ValidateOnStart();
        services.AddScoped<ReceiptSweeper>();
        var cron = configuration.GetSection(ReceiptRetentionOptions.Section).Get<ReceiptRetentionOptions>()?.Cron ?? new ReceiptRetentionOptions().Cron;
        services.AddQuartz(q =>
        {
            q.AddJob<ForgetOldReceiptsJob>(j => j.WithIdentity(ForgetOldReceiptsJob.Key).StoreDurably());
            q.AddTrigger(t => t.ForJob(ForgetOldReceiptsJob.Key).WithIdentity("forget-old-receipts-trigger", "field")
                .WithCronSchedule(cron, c => c.InTimeZone(TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai")).WithMisfireInstruction(CronTriggerMisfireInstruction.FireAndProceed)));
        });
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
            .WithSummary("The number to call for my own job: the customer's own (audited reveal), or with the tenant's privacy numbers a secret number bound to my phone and theirs (private: true; audited binding).");
        field.MapPost("/{id:guid}/contact", async (
                    Guid id, LogContactRequest body, [FromHeader(Name = "Idempotency-Key")] string? key, ClaimsPrincipal user, LogContactHandler handler,
                    HttpContext http, CancellationToken ct) =>
                (await handler.HandleAsync(user, id, body with { IdempotencyKey = body.IdempotencyKey ?? key }, ct)).ToHttp(http, TypedResults.Ok))
            .WithSummary("Log a call to the customer: { reached, note? } with an Idempotency-Key. A reached customer is noted on the timeline (contact) and stops the first-contact SLA clock.");
        field.MapGet("/{id:guid}/visit-slots", async (Guid id, ClaimsPrincipal user, IEngineerJobs jobs, BookVisitHandler handler, CancellationToken ct) =>
                await jobs.FindMineAsync(user, id, ct) is null ? Results.NotFound() : Results.Ok(await handler.SlotsAsync(ct)))
            .WithSummary("Two-hour windows in the tenant's working hours over the next 7 days (local dates and times, Asia/Shanghai) to offer the customer.");
        field.MapPost("/{id:guid}/booking", async (
                    Guid id, BookVisitRequest body, [FromHeader(Name = "Idempotency-Key")] string? key, ClaimsPrincipal user, BookVisitHandler handler,
                    HttpContext http, CancellationToken ct) =>
                (await handler.HandleAsync(user, id, body with { IdempotencyKey = body.IdempotencyKey ?? key }, ct)).ToHttp(http, TypedResults.Ok))
            .WithSummary("Book the visit: { date: yyyy-MM-dd, start: HH:mm, end: HH:mm (Asia/Shanghai, inside working hours), expectedVersion, cause?: customer|engineer (rebooking), reason? (engineer-caused) } with an Idempotency-Key; the customer gets one VisitBooked SMS.");
        field.MapPost("/{id:guid}/check-in", async (
                    Guid id, CheckInRequest body, [FromHeader(Name = "Idempotency-Key")] string? key, ClaimsPrincipal user, CheckInHandler handler,
                    HttpContext http, CancellationToken ct) =>
                (await handler.HandleAsync(user, id, body with { IdempotencyKey = body.IdempotencyKey ?? key }, ct)).ToHttp(http, TypedResults.Ok))
            .WithSummary("Check in on site: { expectedVersion, latitude?, longitude?, accuracy? } with an Idempotency-Key. Never refused for distance: flag near | far (beyond the tenant's threshold) | noLocation | addressNotLocated.");
        field.MapFinishJob();
        field.MapWorkJob();
        api.MapFieldSettings();
        return api;
    }
}
