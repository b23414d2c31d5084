using System.Security.Claims;
using CareLoop.Modules.Customers.Contracts;
using CareLoop.Modules.WorkOrders.Domain;
using CareLoop.Modules.WorkOrders.Features.CompletionPolicies;
using CareLoop.Platform.Auditing;
using CareLoop.Platform.Identity;
using CareLoop.Platform.Persistence;
using CareLoop.Platform.Problems;
using CareLoop.Platform.Results;
using Microsoft.EntityFrameworkCore;

namespace CareLoop.Modules.WorkOrders.Features.TransitionWorkOrder;

/// <summary>
/// The completion code (核销码): where the tenant's policy asks for it, the customer gets a 6-digit code by SMS (valid
/// 24 hours) and reads it out to the engineer, who enters it to complete the job: proof the visit happened.
/// </summary>
public sealed class CompletionCodeHandler(CareLoopDbContext db, CompletionPoliciesHandler policies, ICustomerCodes codes, IAuditLog audit, TimeProvider time)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(24);

    public static string Purpose(Guid workOrderId) => $"work-order-completion:{workOrderId:N}";

    public async Task<Result<CodeSent>> SendAsync(ClaimsPrincipal actor, Guid id, CancellationToken cancellationToken)
    {
        if (!actor.HasPermission(Permissions.WorkOrdersTransition))
        {
            return Error.Forbidden();
        }

        var order = await db.Set<WorkOrder>().SingleOrDefaultAsync(w => w.Id == id, cancellationToken);
        if (order is null || !WorkOrderActors.Sees(actor, order))
        {
            return Error.NotFound();
        }

        // Only when completing is the next step and the policy asks for the code.
        if (WorkOrderTransitions.Find(order.Kind, order.State, WorkOrderAction.Complete) is null ||
            !(await policies.RequirementsAsync(order.Kind, cancellationToken)).RequiresCustomerCode)
        {
            return new Error(ErrorCodes.IllegalTransition, 422, null, "completionCode", order.State.ToString());
        }

        var sent = await codes.SendToCustomerAsync(order.CustomerId, Purpose(order.Id), Lifetime, "CompletionCode",
            new Dictionary<string, string> { ["number"] = order.Number, ["hours"] = ((int)Lifetime.TotalHours).ToString(System.Globalization.CultureInfo.InvariantCulture) },
            cancellationToken);
        if (sent.IsSuccess)
        {
            order.Note(WorkOrderActors.From(actor), "completionCodeSent", sent.Value!.MaskedPhone, time.GetUtcNow());
            audit.Record("work-order.completion-code-sent", nameof(WorkOrder), order.Id.ToString(), new { sent.Value.MaskedPhone });
            await db.SaveChangesAsync(cancellationToken);
        }

        return sent;
    }
}

public static class CompletionCodeEndpoint
{
    public static void MapCompletionCode(this RouteGroupBuilder orders) =>
        orders.MapPost("/{id:guid}/completion-code", async (Guid id, ClaimsPrincipal user, CompletionCodeHandler handler, HttpContext http, CancellationToken ct) =>
                (await handler.SendAsync(user, id, ct)).ToHttp(http, TypedResults.Ok))
            .RequireAuthorization(Permissions.WorkOrdersTransition)
            .WithSummary("Send the customer the 6-digit completion code by SMS (valid 24 h); the engineer completes with { action: \"complete\", verificationCode }.");
}
