using System.Security.Claims;
using CareLoop.Modules.Customers.Features.ExportCustomers;
using CareLoop.Platform.Files;
using CareLoop.Platform.Identity;
using CareLoop.Platform.Imports;
using CareLoop.Platform.Problems;
using Microsoft.AspNetCore.Mvc;

namespace CareLoop.Modules.Customers.Features.ImportCustomers;

public static class ImportEndpoints
{
    public static void MapCustomerImports(this RouteGroupBuilder api, RouteGroupBuilder downloads)
    {
        var imports = api.MapGroup("/customer-imports").WithTags("Customers");
        imports.MapPost("/", async (IFormFile? file, ClaimsPrincipal user, ImportCustomersHandler handler, HttpContext http, CancellationToken ct) =>
                (await handler.QueueAsync(user, file is null ? null : new Upload(file.FileName, file.OpenReadStream), ct))
                    .ToHttp(http, job => TypedResults.Accepted($"/api/v1/customer-imports/{job.Id}", job)))
            .RequireAuthorization(Permissions.CustomersImport)
            .DisableAntiforgery()
            .WithMetadata(new RequestSizeLimitAttribute(ImportCustomersHandler.MaxFileBytes + 1024 * 1024))
            .WithSummary("Import customers + units from CSV or XLSX (multipart field 'file'); processed in the background, idempotent on serial number.");
        imports.MapGet("/", async (int? page, int? pageSize, ImportCustomersHandler handler, CancellationToken ct) => TypedResults.Ok(await handler.ListAsync(page, pageSize, ct)))
            .RequireAuthorization(Permissions.CustomersImport)
            .WithSummary("Recent imports, newest first.");
        imports.MapGet("/{id:guid}", async (Guid id, ImportCustomersHandler handler, HttpContext http, CancellationToken ct) =>
                (await handler.GetAsync(id, ct)).ToHttp(http, TypedResults.Ok))
            .RequireAuthorization(Permissions.CustomersImport)
            .WithSummary("An import's progress and counts.");

        foreach (var group in new[] { imports, downloads.MapGroup("/customer-imports") })
        {
            group.MapGet("/{id:guid}/errors.xlsx", ErrorReportAsync).RequireAuthorization(Permissions.CustomersImport)
                .WithSummary("The rejected rows with the reason for each, as XLSX.");
            group.MapGet("/template.xlsx", Template).RequireAuthorization(Permissions.CustomersImport)
                .WithSummary("An empty import sheet with the expected headers and one example row.");
        }

        foreach (var group in new[] { api.MapGroup("/customers").WithTags("Customers"), downloads.MapGroup("/customers") })
        {
            group.MapGet("/export.xlsx", ExportAsync).RequireAuthorization(Permissions.CustomersExport)
                .WithSummary("All customers and units as XLSX in the import template's columns (full phone numbers; audited).");
        }
    }

    private const string Xlsx = FileKinds.Xlsx;

    private static async Task<IResult> ErrorReportAsync(Guid id, ImportErrorReport report, HttpContext http, CancellationToken ct)
    {
        var built = await report.BuildAsync(id, ct);
        return built.IsSuccess ? TypedResults.File(built.Value!, Xlsx, $"import-errors-{id:N}.xlsx") : http.Problem(built.Error!);
    }

    private static async Task<IResult> ExportAsync(ClaimsPrincipal user, ExportCustomersHandler handler, HttpContext http, TimeProvider time, CancellationToken ct)
    {
        var built = await handler.HandleAsync(user, ct);
        return built.IsSuccess
            ? TypedResults.File(built.Value!, Xlsx, $"customers-{CareLoop.Platform.Localization.TimeDisplay.Today(time):yyyyMMdd}.xlsx")
            : http.Problem(built.Error!);
    }

    private static async Task<IResult> Template(CancellationToken ct)
    {
        var example = ImportColumns.Template.ToDictionary(t => t.Header, t => (object?)(t.Field switch
        {
            ImportColumns.Name => "张三",
            ImportColumns.Phone => "13800000000",
            ImportColumns.RegionCode => "320505",
            ImportColumns.Address => "狮山街道 1 号",
            ImportColumns.Sku => "WP-RO600",
            ImportColumns.SerialNumber => "WP6000000001",
            ImportColumns.PurchaseDate => "2026-01-31",
            ImportColumns.Channel => "京东",
            _ => "JD-0000001",
        }));
        return TypedResults.File(await ImportReport.WriteAsync([example], ct), Xlsx, "customer-import-template.xlsx");
    }
}
