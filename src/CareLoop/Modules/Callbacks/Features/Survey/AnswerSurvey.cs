using CareLoop.Modules.Callbacks.Domain;
using CareLoop.Platform.Persistence;
using CareLoop.Platform.Problems;
using CareLoop.Platform.Results;
using CareLoop.Platform.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace CareLoop.Modules.Callbacks.Features.Survey;

public sealed record SurveyAnswerRequest(int? Csat, int? Nps, string? Comment);

/// <summary>What the survey page shows: the job's number, and whether the link can still be answered.</summary>
public sealed record SurveyForm(string WorkOrderNumber, DateTimeOffset ExpiresAt);

/// <summary>
/// The customer's side of the survey link: the token opens to one callback of one tenant (worked in that tenant's
/// scope), valid until its expiry, for its current nonce, once. Tampered: 404 survey_link_invalid; expired: 410
/// survey_link_expired; answered (or replaced by a newer link): 409 survey_link_used.
/// </summary>
public sealed class SurveyHandler(TenantScopes tenants, SurveyLinks links, TimeProvider time)
{
    public async Task<Result<SurveyForm>> OpenAsync(string? token, CancellationToken cancellationToken)
    {
        if (links.Open(token) is not { } ticket)
        {
            return Error.NotFound(ErrorCodes.SurveyLinkInvalid);
        }

        await using var scope = tenants.For(ticket.TenantId);
        var task = await scope.ServiceProvider.GetRequiredService<CareLoopDbContext>().Set<CallbackTask>().AsNoTracking()
            .SingleOrDefaultAsync(c => c.Id == ticket.CallbackId, cancellationToken);
        return Check(ticket, task) ?? (Result<SurveyForm>)new SurveyForm(task!.WorkOrderNumber, ticket.ExpiresAt);
    }

    public async Task<Result<SurveyForm>> AnswerAsync(string? token, SurveyAnswerRequest request, CancellationToken cancellationToken)
    {
        if (links.Open(token) is not { } ticket)
        {
            return Error.NotFound(ErrorCodes.SurveyLinkInvalid);
        }

        var v = new Validation().MaxLength("comment", request.Comment, CallbackRules.TextMaxLength);
        if (request.Csat is not { } csat)
        {
            v.Add("csat", ErrorCodes.Required);
        }
        else
        {
            v.Range("csat", csat, CallbackRules.MinCsat, CallbackRules.MaxCsat);
        }

        if (request.Nps is { } nps)
        {
            v.Range("nps", nps, CallbackRules.MinNps, CallbackRules.MaxNps);
        }

        await using var scope = tenants.For(ticket.TenantId);
        var db = scope.ServiceProvider.GetRequiredService<CareLoopDbContext>();
        var task = await db.Set<CallbackTask>().Include(c => c.Attempts).SingleOrDefaultAsync(c => c.Id == ticket.CallbackId, cancellationToken);
        if (Check(ticket, task) is { } refused)
        {
            return refused;
        }

        if (v.ToError() is { } invalid)
        {
            return invalid;
        }

        task!.AnswerSurvey(new CustomerAnswer(request.Csat, request.Nps, request.Comment), time.GetUtcNow());
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Error.Conflict(ErrorCodes.SurveyLinkUsed); // the same link answered twice at once: the first one counts
        }

        return new SurveyForm(task.WorkOrderNumber, ticket.ExpiresAt);
    }

    private Error? Check(SurveyTicket ticket, CallbackTask? task)
    {
        if (task is null)
        {
            return Error.NotFound(ErrorCodes.SurveyLinkInvalid);
        }

        if (task.SurveyAnsweredAt is not null || task.SurveyNonce != ticket.Nonce || task.Status != CallbackStatus.AutoClosed)
        {
            return Error.Conflict(ErrorCodes.SurveyLinkUsed);
        }

        return ticket.ExpiresAt <= time.GetUtcNow() ? new Error(ErrorCodes.SurveyLinkExpired, StatusCodes.Status410Gone) : null;
    }
}

public static class SurveyEndpoints
{
    /// <summary>Anonymous: the token is the credential.</summary>
    public static void MapSurveys(this RouteGroupBuilder api)
    {
        var surveys = api.MapGroup("/surveys").WithTags("Callbacks").AllowAnonymous();
        surveys.MapGet("/{token}", async (string token, SurveyHandler handler, HttpContext http, CancellationToken ct) =>
                (await handler.OpenAsync(token, ct)).ToHttp(http, TypedResults.Ok))
            .WithSummary("Whether a survey link can be answered: 404 survey_link_invalid (tampered), 410 survey_link_expired, 409 survey_link_used.");
        surveys.MapPost("/{token}", async (string token, SurveyAnswerRequest body, SurveyHandler handler, HttpContext http, CancellationToken ct) =>
                (await handler.AnswerAsync(token, body, ct)).ToHttp(http, TypedResults.Ok))
            .WithSummary("Answer a survey link once: { csat: 1–5, nps?: 0–10, comment? }; the answers land on the callback.");
    }
}
