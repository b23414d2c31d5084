using System.Security.Claims;
using CareLoop.Modules.Callbacks.Contracts;
using CareLoop.Modules.Settlement.Domain;
using CareLoop.Modules.Settlement.Features.Corrections;
using CareLoop.Modules.Settlement.Features.Earnings;
using CareLoop.Modules.Settlement.Features.PostCommission;
using CareLoop.Modules.Settlement.Features.Rules;
using CareLoop.Modules.Settlement.Features.Statements;
using CareLoop.Modules.WorkOrders.Contracts;
using CareLoop.Platform.Identity;
using CareLoop.Platform.Files;
using CareLoop.Platform.Outbox;
using CareLoop.Platform.Problems;

namespace CareLoop.Modules.Settlement;

/// <summary>
/// Settlement (issue 8): commission rules per tenant, an append-only ledger posted from the callback and work-order events,
/// corrections as approved reversing entries, monthly statements per engineer and provider; see docs/adr/0025.
/// </summary>
public static class SettlementModule
{
    public static IServiceCollection AddSettlement(this IServiceCollection services)
    {
        services.AddScoped<CommissionRulesHandler>();
        services.AddScoped<CommissionPoster>();
        services.AddScoped<CorrectionsHandler>();
        services.AddScoped<CloseMonthHandler>();
        services.AddScoped<StatementsHandler>();
        services.AddScoped<ExportStatementsHandler>();
        services.AddScoped<EarningsHandler>();
        services.AddOutboxHandler<CallbackConfirmed, SettlementOnEvents>();
        services.AddOutboxHandler<CallbackProblemFound, SettlementOnEvents>();
        services.AddOutboxHandler<WorkOrderTransitioned, SettlementOnEvents>();
        services.AddOutboxHandler<WorkOrderCreated, SettlementOnEvents>();
        return services;
    }

    public static RouteGroupBuilder MapSettlement(this RouteGroupBuilder api, RouteGroupBuilder downloads)
    {
        var settlement = api.MapGroup("/settlement").WithTags("Settlement");
        settlement.MapGet("/rules", async (ClaimsPrincipal user, CommissionRulesHandler rules, HttpContext http, CancellationToken ct) =>
                (await rules.GetAsync(user, ct)).ToHttp(http, TypedResults.Ok))
            .RequireAuthorization(Permissions.SettlementRead)
            .WithSummary("The commission rules in force and their version (0: none saved yet).");
        settlement.MapPut("/rules", async (SaveRulesRequest body, ClaimsPrincipal user, CommissionRulesHandler rules, HttpContext http, CancellationToken ct) =>
                (await rules.SaveAsync(user, body, ct)).ToHttp(http, TypedResults.Ok))
            .RequireAuthorization(Permissions.SettlementManage)
            .WithSummary("Save a new version of the rules: { rules: { baseAmounts, distanceBands, csat5BonusFen, slaBreachPenaltyFen, repeatRepairPenaltyFen, complaintPenaltyFen, jobCapFen?, monthlyCapFen?, providerFeeFen }, expectedVersion }. Overlapping or inverted bands and negative amounts are refused with field errors.");
        settlement.MapGet("/ledger", async (PartyKind party, Guid partyId, int period, ClaimsPrincipal user, StatementsHandler statements, HttpContext http, CancellationToken ct) =>
                (await statements.LedgerAsync(user, party, partyId, period, ct)).ToHttp(http, TypedResults.Ok))
            .RequireAuthorization()
            .WithSummary("A party's ledger entries of a month (period yyyyMM), oldest first, each with its rule code and explanation arguments.");
        settlement.MapPost("/corrections", async (RequestCorrection body, ClaimsPrincipal user, CorrectionsHandler corrections, HttpContext http, CancellationToken ct) =>
                (await corrections.RequestAsync(user, body, ct)).ToHttp(http, c => TypedResults.Created($"/api/v1/settlement/corrections/{c.Id}", c)))
            .RequireAuthorization(Permissions.SettlementManage)
            .WithSummary("Ask to reverse a ledger entry: { entryId, reason, amountFen? } (amountFen: how much of it, a positive amount up to the entry's; all of it when absent). Nothing is posted until somebody else approves.");
        settlement.MapGet("/corrections", async (ClaimsPrincipal user, CorrectionsHandler corrections, HttpContext http, CancellationToken ct) =>
                (await corrections.ListAsync(user, ct)).ToHttp(http, TypedResults.Ok))
            .RequireAuthorization(Permissions.SettlementRead)
            .WithSummary("Correction requests, pending first, then newest first, each with its entry (party, order, rule, amount), the amount reversed and its state (pending, approved, rejected).");
        settlement.MapPost("/corrections/{id:guid}/approve", async (Guid id, ClaimsPrincipal user, CorrectionsHandler corrections, HttpContext http, CancellationToken ct) =>
                (await corrections.ApproveAsync(user, id, ct)).ToHttp(http, TypedResults.Ok))
            .RequireAuthorization()
            .WithSummary("Approve a correction: posts the reversing entry. The approver needs settlement.approve and must not be the requester (422, field approver).");
        settlement.MapPost("/corrections/{id:guid}/reject", async (Guid id, ClaimsPrincipal user, CorrectionsHandler corrections, HttpContext http, CancellationToken ct) =>
                (await corrections.RejectAsync(user, id, ct)).ToHttp(http, TypedResults.Ok))
            .RequireAuthorization()
            .WithSummary("Reject a correction: nothing is posted. Same rule as approving (settlement.approve, not the requester; 409 once decided).");
        settlement.MapPost("/months/close", async (CloseMonthRequest body, ClaimsPrincipal user, CloseMonthHandler handler, HttpContext http, CancellationToken ct) =>
                (await handler.HandleAsync(user, body, ct)).ToHttp(http, TypedResults.Ok))
            .RequireAuthorization(Permissions.SettlementManage)
            .WithSummary("Close a month that is over: { period: yyyyMM }. Generates every party's statement (drafts replaced; issued ones kept).");
        settlement.MapGet("/statements", async (int? period, PartyKind? party, Guid? partyId, ClaimsPrincipal user, StatementsHandler statements, HttpContext http, CancellationToken ct) =>
                (await statements.ListAsync(user, period, party, partyId, ct)).ToHttp(http, TypedResults.Ok))
            .RequireAuthorization()
            .WithSummary("Statements (staff: any party; a provider's admin: the provider's and its engineers'; engineers: their own).");
        settlement.MapGet("/statements/{id:guid}", async (Guid id, ClaimsPrincipal user, StatementsHandler statements, HttpContext http, CancellationToken ct) =>
                (await statements.FindAsync(user, id, ct)).ToHttp(http, TypedResults.Ok))
            .RequireAuthorization()
            .WithSummary("One statement with the month's ledger entries of its party.");
        settlement.MapPost("/statements/{id:guid}/moves", async (Guid id, MoveStatementRequest body, ClaimsPrincipal user, StatementsHandler statements, HttpContext http, CancellationToken ct) =>
                (await statements.MoveAsync(user, id, body, ct)).ToHttp(http, TypedResults.Ok))
            .RequireAuthorization()
            .WithSummary("{ action: issue|confirm|pay, expectedVersion }: one step of draft → issued → confirmed → paid (409 illegal_statement_move otherwise). An engineer may confirm their own, a provider's admin the provider's.");
        settlement.MapGet("/statements/export.xlsx", ExportAsync).RequireAuthorization()
            .WithSummary("A month's statements (period) or one statement (statementId) as XLSX: a summary sheet and an entries sheet; only the statements the caller may see.");
        settlement.MapGet("/earnings", async (int? period, ClaimsPrincipal user, EarningsHandler earnings, HttpContext http, CancellationToken ct) =>
                (await earnings.MineAsync(user, period, ct)).ToHttp(http, TypedResults.Ok))
            .RequireAuthorization(Permissions.MobileUse)
            .WithSummary("My earnings (engineers): jobs done, commission posted and pending by day for a month, and my statements.");
        downloads.MapGet("/settlement/statements.xlsx", ExportAsync).RequireAuthorization();
        return api;
    }

    private static async Task<IResult> ExportAsync(int? period, Guid? statementId, ClaimsPrincipal user, ExportStatementsHandler handler, HttpContext http, CancellationToken ct)
    {
        var built = await handler.HandleAsync(user, period ?? 0, statementId, ct);
        return built.IsSuccess
            ? TypedResults.File(built.Value!, FileKinds.Xlsx, statementId is null ? $"statements-{period}.xlsx" : $"statement-{statementId:N}.xlsx")
            : http.Problem(built.Error!);
    }
}
