using System.Security.Claims;
using CareLoop.Platform.Files;
using CareLoop.Platform.Identity;
using CareLoop.Platform.Problems;
using CareLoop.Platform.Web;
using Microsoft.AspNetCore.Mvc;

namespace CareLoop.Modules.Integrations.Features.ImportOrders;

public static class OrderImportEndpoints
{
    private const string Xlsx = FileKinds.Xlsx;

    /// <summary>
    /// <c>/api/v1/integrations/order-imports</c>: a staff login with <c>integrations.manage</c> (unlike the signed order
    /// API beside it); the error report and the template are also under <c>/downloads</c> for the page's links.
    /// </summary>
    public static void MapOrderImports(this RouteGroupBuilder api, RouteGroupBuilder downloads)
    {
        var imports = api.MapGroup("/integrations/order-imports").WithTags("Integrations").RequireAuthorization(Permissions.IntegrationsManage);
        imports.MapPost("/", async ([FromForm] string? keyId, IFormFile? file, ClaimsPrincipal user, ImportOrdersHandler handler, HttpContext http, CancellationToken ct) =>
                (await handler.QueueAsync(user, keyId, file is null ? null : new Upload(file.FileName, file.OpenReadStream), ct))
                    .ToHttp(http, job => TypedResults.Accepted($"/api/v1/integrations/order-imports/{job.Id}", job)))
            .DisableAntiforgery()
            .WithMetadata(new RequestSizeLimitAttribute(ImportOrdersHandler.MaxFileBytes + 1024 * 1024))
            .Accepts<OrderImportUpload>("multipart/form-data")
            .Produces<OrderImportView>(StatusCodes.Status202Accepted).ProducesProblem(403).ProducesProblem(413).ProducesProblem(422)
            .WithSummary("Import a platform order export (CSV or XLSX: Tmall/淘宝, JD/京东, Douyin/抖店 or the template) for a shop's key (multipart fields 'file' and 'keyId'). " +
                "Each order goes through order intake in the background: orders already received count as repeats, refused ones go to the error report.");
        imports.MapGet("/", async (int? page, int? pageSize, ClaimsPrincipal user, ImportOrdersHandler handler, HttpContext http, CancellationToken ct) =>
                (await handler.ListAsync(user, page, pageSize, ct)).ToHttp(http, TypedResults.Ok))
            .Produces<Page<OrderImportView>>().ProducesProblem(403)
            .WithSummary("Recent order imports, newest first.");
        imports.MapGet("/{id:guid}", async (Guid id, ClaimsPrincipal user, ImportOrdersHandler handler, HttpContext http, CancellationToken ct) =>
                (await handler.GetAsync(user, id, ct)).ToHttp(http, TypedResults.Ok))
            .Produces<OrderImportView>().ProducesProblem(403).ProducesProblem(404)
            .WithSummary("An order import's progress: rows processed of the total, orders accepted, already received and refused, work orders created.");

        foreach (var group in new[] { imports, downloads.MapGroup("/order-imports").RequireAuthorization(Permissions.IntegrationsManage) })
        {
            group.MapGet("/{id:guid}/errors.xlsx", ErrorReportAsync)
                .Produces(StatusCodes.Status200OK, contentType: Xlsx).ProducesProblem(403).ProducesProblem(404)
                .WithSummary("The refused orders' rows as XLSX: row number, column, value (phones masked) and the reason.");
            group.MapGet("/template.xlsx", async (CancellationToken ct) => TypedResults.File(await ImportOrdersHandler.TemplateAsync(ct), Xlsx, "order-import-template.xlsx"))
                .Produces(StatusCodes.Status200OK, contentType: Xlsx)
                .WithSummary("The generic order sheet: its headers and an example order of two lines.");
        }
    }

    private static async Task<IResult> ErrorReportAsync(Guid id, ClaimsPrincipal user, ImportOrdersHandler handler, HttpContext http, CancellationToken ct)
    {
        var built = await handler.ErrorReportAsync(user, id, ct);
        return built.IsSuccess ? TypedResults.File(built.Value!, Xlsx, $"order-import-errors-{id:N}.xlsx") : http.Problem(built.Error!);
    }
}

/// <summary>The multipart form of an order import (for the OpenAPI document).</summary>
public sealed record OrderImportUpload(IFormFile File, string KeyId);
