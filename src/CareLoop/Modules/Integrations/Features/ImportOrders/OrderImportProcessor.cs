using System.Text.Json;
using CareLoop.Modules.Integrations.Domain;
using CareLoop.Modules.Integrations.Features.ReceiveOrders;
using CareLoop.Platform.Imports;
using CareLoop.Platform.Persistence;
using CareLoop.Platform.Results;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;

namespace CareLoop.Modules.Integrations.Features.ImportOrders;

/// <summary>
/// Works through one order import in the importing tenant's scope: reads the sheet as a stream, groups its rows into
/// orders and takes each in through <see cref="OrderIntake"/> (one commit per order, as for a shop's call; a refused
/// order saves nothing). The counters and the refused orders' row errors are committed every
/// <see cref="ReportEvery"/> orders or second, whichever comes first: that is the live progress bar.
/// </summary>
public sealed class OrderImportProcessor(CareLoopDbContext db, OrderIntake intake, OrderSheetMapper mapper, TimeProvider time) : IImportProcessor<OrderImport>
{
    public const int ReportEvery = 50;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public Task ResetAsync(Guid importId, CancellationToken cancellationToken) =>
        db.Set<OrderImportError>().Where(e => e.ImportId == importId).ExecuteDeleteAsync(cancellationToken);

    public async Task ImportAsync(Guid importId, Stream sheet, ExcelType format, CancellationToken cancellationToken)
    {
        var job = await db.Set<OrderImport>().AsNoTracking().SingleAsync(j => j.Id == importId, cancellationToken);
        var key = await db.Set<IntegrationKey>().AsNoTracking().SingleOrDefaultAsync(k => k.Id == job.KeyId, cancellationToken);
        if (key is null || key.IsRevoked)
        {
            throw new InvalidOperationException($"The integration key {job.KeyId} was revoked after the import was queued.");
        }

        using var sheetRows = ImportSheet.Rows(sheet, format).GetEnumerator();
        if (!sheetRows.MoveNext())
        {
            return;
        }

        // The columns were recognised when the file was taken in; the header row comes with the first data row.
        var columns = OrderSheetFields.Recognise(sheetRows.Current.Keys) ?? throw new InvalidOperationException("The sheet's header row is no order export.");
        var progress = new Progress(importId, time.GetUtcNow());
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (order, rows) in OrderSheetMapper.Orders(FromCurrent(sheetRows), columns))
        {
            IEnumerable<SheetRowError> refused;
            if (order.OrderId is { } id && !seen.Add(id))
            {
                // The same order further down, not next to its other lines: taking it as a repeat would hide the lines.
                refused = [new SheetRowError(order.Lines[0].RowNumber, columns.HeaderOf(OrderSheetFields.OrderId)!, ErrorCodes.Duplicate, [id], id)];
            }
            else
            {
                var mapped = mapper.Map(order, columns, key);
                refused = mapped.Errors;
                if (mapped.Errors.Count == 0)
                {
                    // A repeat (the usual case when a file is imported again) is answered by a read, not a refused insert.
                    var outcome = await intake.ExistingAsync(mapped.Payload, cancellationToken) is { } repeat
                        ? new IntakeOutcome(StatusCodes.Status200OK, repeat, null)
                        : await intake.AcceptAsync(key, mapped.Payload, JsonSerializer.Serialize(mapped.Payload, Json), IntakeMode.Import, cancellationToken);
                    refused = outcome.Error is { } error ? mapped.Locate(error) : [];
                    progress.Taken(outcome, rows);
                }
            }

            if (refused.Any())
            {
                progress.Refused(refused, rows, time.GetUtcNow());
            }

            if (progress.Due(time.GetUtcNow()))
            {
                await FlushAsync(progress, cancellationToken);
            }
        }

        await FlushAsync(progress, cancellationToken);
    }

    public (string Action, object Details) Completed(OrderImport import) => ("platform-orders.imported", new
    {
        import.FileName, import.KeyId, import.Layout, import.ProcessedRows, import.AcceptedOrders, import.RepeatedOrders, import.RejectedOrders,
        import.CreatedWorkOrders, import.RejectedRows,
    });

    private static IEnumerable<T> FromCurrent<T>(IEnumerator<T> rows)
    {
        do
        {
            yield return rows.Current;
        }
        while (rows.MoveNext());
    }

    private async Task FlushAsync(Progress progress, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        db.ChangeTracker.Clear();
        var job = await db.Set<OrderImport>().SingleAsync(j => j.Id == progress.ImportId, cancellationToken);
        job.Advance(progress.Rows, progress.RejectedRows, progress.Accepted, progress.Repeated, progress.Rejected, progress.WorkOrders, now);
        db.AddRange(progress.Errors);
        await db.SaveChangesAsync(cancellationToken);
        db.ChangeTracker.Clear();
        progress.Reported(now);
    }

    /// <summary>What happened since the counters were last committed.</summary>
    private sealed class Progress(Guid importId, DateTimeOffset startedAt)
    {
        private DateTimeOffset _reportedAt = startedAt;
        private int _orders;

        public Guid ImportId { get; } = importId;

        public int Rows { get; private set; }

        public int RejectedRows { get; private set; }

        public int Accepted { get; private set; }

        public int Repeated { get; private set; }

        public int Rejected { get; private set; }

        public int WorkOrders { get; private set; }

        public List<OrderImportError> Errors { get; } = [];

        public void Taken(IntakeOutcome outcome, int rows)
        {
            if (outcome.Error is not null)
            {
                return; // counted by Refused
            }

            _orders++;
            Rows += rows;
            if (outcome.Status == StatusCodes.Status202Accepted)
            {
                Accepted++;
                WorkOrders += outcome.Accepted!.WorkOrderIds.Count;
            }
            else
            {
                Repeated++;
            }
        }

        public void Refused(IEnumerable<SheetRowError> errors, int rows, DateTimeOffset now)
        {
            _orders++;
            Rows += rows;
            RejectedRows += rows;
            Rejected++;
            Errors.AddRange(errors.Select(e => OrderImportError.Create(ImportId, e.RowNumber, e.Column, e.Code, e.Args, e.Value, now)));
        }

        public bool Due(DateTimeOffset now) => _orders >= ReportEvery || (_orders > 0 && now - _reportedAt >= TimeSpan.FromSeconds(1));

        public void Reported(DateTimeOffset now)
        {
            _reportedAt = now;
            _orders = Rows = RejectedRows = Accepted = Repeated = Rejected = WorkOrders = 0;
            Errors.Clear();
        }
    }
}
