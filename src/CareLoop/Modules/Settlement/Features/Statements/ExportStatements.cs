using System.Security.Claims;
using CareLoop.Modules.Settlement.Domain;
using CareLoop.Platform.Identity;
using CareLoop.Platform.Localization;
using CareLoop.Platform.Results;
using Microsoft.Extensions.Localization;
using MiniExcelLibs;

namespace CareLoop.Modules.Settlement.Features.Statements;

/// <summary>
/// A month's statements as XLSX: a summary sheet (one row per party: opening, credits, debits, closing, state) and an
/// entries sheet (every entry of those parties in the month with its explanation), in the reader's language.
/// </summary>
public sealed class ExportStatementsHandler(StatementsHandler statements, IStringLocalizer<SharedResource> text)
{
    public async Task<Result<Stream>> HandleAsync(ClaimsPrincipal actor, int period, Guid? statementId, CancellationToken cancellationToken)
    {
        List<StatementRow> rows;
        if (statementId is { } id)
        {
            var one = await statements.FindAsync(actor, id, cancellationToken);
            if (!one.IsSuccess)
            {
                return one.Error!;
            }

            rows = [one.Value!.Statement];
        }
        else
        {
            // Scoped like the list: staff every party, a provider's admin the provider's and its engineers'.
            var listed = await statements.ListAsync(actor, period, null, null, cancellationToken);
            if (!listed.IsSuccess)
            {
                return listed.Error!;
            }

            rows = [.. listed.Value!];
        }

        var summary = rows.Select(s => new Dictionary<string, object?>
        {
            [text["Settlement.Period"]] = EntryText.Period(s.Period),
            [text["Settlement.PartyKind"]] = text["Settlement.Party." + s.PartyKind].Value,
            [text["Settlement.Party"]] = s.PartyName,
            [text["Settlement.Opening"]] = s.OpeningFen / 100m,
            [text["Settlement.Credits"]] = s.CreditsFen / 100m,
            [text["Settlement.Debits"]] = s.DebitsFen / 100m,
            [text["Settlement.Closing"]] = s.ClosingFen / 100m,
            [text["Settlement.Entries"]] = s.EntryCount,
            [text["Settlement.State"]] = text["Settlement.State." + s.State].Value,
        }).ToList();
        var entries = new List<Dictionary<string, object?>>();
        foreach (var s in rows)
        {
            foreach (var e in await statements.EntriesAsync(s.PartyKind, s.PartyId, s.Period, cancellationToken))
            {
                entries.Add(new Dictionary<string, object?>
                {
                    [text["Settlement.Party"]] = s.PartyName,
                    [text["Settlement.PostedAt"]] = TimeDisplay.Local(e.PostedAt),
                    [text["WorkOrders.Number"]] = e.WorkOrderNumber ?? "",
                    [text["Settlement.Rule"]] = EntryText.RuleName(text, e.RuleCode),
                    [text["Settlement.Amount"]] = e.AmountFen / 100m,
                    [text["Settlement.Explanation"]] = EntryText.Explain(text, e),
                });
            }
        }

        var output = new MemoryStream();
        var sheets = new Dictionary<string, object> { ["statements"] = summary, ["entries"] = entries };
        await output.SaveAsAsync(sheets, excelType: ExcelType.XLSX, cancellationToken: cancellationToken);
        output.Position = 0;
        return output;
    }
}
