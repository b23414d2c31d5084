using CareLoop.Platform.Imports;

namespace CareLoop.Modules.Integrations.Domain;

/// <summary>
/// One upload of a shop's order export (CSV or XLSX), run in the background by the shared import runner. Each order of
/// the sheet goes through order intake like a signed call from the shop whose key was chosen, so an order already
/// received (by the API or an earlier import) is counted as a repeat and creates nothing: importing a file again is a
/// no-op. Refused orders are not dead-lettered: their reasons, by row and column, make the import's error report.
/// </summary>
public sealed class OrderImport : BackgroundImport
{
    private OrderImport()
    {
    }

    private OrderImport(Guid tenantId, string keyId, string layout, Guid fileId, string fileName, Guid requestedBy, string requestedByName, DateTimeOffset now)
        : base(tenantId, fileId, fileName, requestedBy, requestedByName, now)
    {
        KeyId = keyId;
        Layout = layout;
    }

    /// <summary>The shop's integration key the orders are taken in for (it names the shop).</summary>
    public string KeyId { get; private set; } = "";

    /// <summary>Whose export the header row showed: <c>tmall</c>, <c>jd</c>, <c>douyin</c> or <c>generic</c> (the template).</summary>
    public string Layout { get; private set; } = "";

    public int AcceptedOrders { get; private set; }

    /// <summary>Orders received before (by the API or an earlier import): the idempotent re-import case.</summary>
    public int RepeatedOrders { get; private set; }

    public int RejectedOrders { get; private set; }

    public int CreatedWorkOrders { get; private set; }

    public static OrderImport Queue(Guid tenantId, string keyId, string layout, Guid fileId, string fileName, Guid requestedBy, string requestedByName, DateTimeOffset now) =>
        new(tenantId, keyId, layout, fileId, fileName, requestedBy, requestedByName, now);

    /// <summary>Adds the counts of the orders taken in since the last report (the orders themselves committed one by one).</summary>
    public void Advance(int rows, int rejectedRows, int accepted, int repeated, int rejected, int workOrders, DateTimeOffset now)
    {
        Advanced(rows, rejectedRows, now);
        AcceptedOrders += accepted;
        RepeatedOrders += repeated;
        RejectedOrders += rejected;
        CreatedWorkOrders += workOrders;
    }

    protected override void ResetCounts() => AcceptedOrders = RepeatedOrders = RejectedOrders = CreatedWorkOrders = 0;
}

/// <summary>
/// Why a row of an order import was refused: the 1-based row number (header is row 1), the column as the file names it
/// (or <c>@</c> and the order field when no column holds it, e.g. <c>@shopId</c>), the error code with its message's
/// arguments (<see cref="RefusalReasons"/> escaping) and the value as typed, phones masked.
/// </summary>
public sealed class OrderImportError
{
    private OrderImportError()
    {
    }

    public Guid Id { get; private set; }

    public Guid ImportId { get; private set; }

    public int RowNumber { get; private set; }

    public string Column { get; private set; } = "";

    public string Code { get; private set; } = "";

    public string Args { get; private set; } = "";

    public string? Value { get; private set; }

    public static OrderImportError Create(Guid importId, int rowNumber, string column, string code, IEnumerable<object> args, string? value, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now),
        ImportId = importId,
        RowNumber = rowNumber,
        Column = column.Length > 64 ? column[..64] : column,
        Code = code,
        Args = Truncate(RefusalReasons.FormatArgs(args)),
        Value = value is { Length: > 200 } ? value[..200] : value,
    };

    private static string Truncate(string text) => text.Length > 200 ? text[..200] : text;

    public object[] ArgsList() => RefusalReasons.ParseArgs(Args);
}
