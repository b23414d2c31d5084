using System.Security.Claims;
using CareLoop.Modules.Field.Features.AnswerJob;
using CareLoop.Modules.Field.Features.CallCustomer;
using CareLoop.Modules.Field.Features.ExactlyOnce;
using CareLoop.Modules.Field.Features.MyJobs;
using CareLoop.Modules.Field.Features.WorkJob;
using CareLoop.Platform.Identity;
using CareLoop.Platform.Problems;
using Microsoft.AspNetCore.Mvc;

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
        services.AddScoped<WorkJobHandler>();
        return services;
    }

    public static RouteGroupBuilder MapField(this RouteGroupBuilder api)
    {
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
        field.MapWorkJob();
        return api;
    }
}
