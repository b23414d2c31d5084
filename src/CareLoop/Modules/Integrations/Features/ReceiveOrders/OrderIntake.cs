using System.Text;
using System.Text.Json;
using CareLoop.Modules.Catalog.Contracts;
using CareLoop.Modules.Customers.Contracts;
using CareLoop.Modules.Integrations.Domain;
using CareLoop.Modules.WorkOrders.Contracts;
using CareLoop.Platform.Localization;
using CareLoop.Platform.Persistence;
using CareLoop.Platform.Realtime;
using CareLoop.Platform.Results;
using CareLoop.Platform.Security;
using CareLoop.Platform.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;

namespace CareLoop.Modules.Integrations.Features.ReceiveOrders;

/// <summary>An order's fate: 202 accepted, 200 a repeat of an accepted one (same body), or a problem.</summary>
public sealed record IntakeOutcome(int Status, OrderAccepted? Accepted, Error? Error);

/// <summary>Where an order comes from: a shop's call, an administrator replaying a refused one, or a row group of an imported export.</summary>
public enum IntakeMode
{
    /// <summary>A shop's call: refused content is kept in the dead-letter list.</summary>
    Receive,

    /// <summary>
    /// A refused order replayed after master data was fixed: the catalog is read afresh (not the minute-old cache), and a
    /// new refusal is returned without a second dead letter (the replayed one keeps the new reasons).
    /// </summary>
    Replay,

    /// <summary>
    /// An order from an uploaded platform export (ImportOrders): a refusal is returned, not dead-lettered; the import keeps it
    /// in its error report by row and column, where the administrator fixes the sheet and imports it again.
    /// </summary>
    Import,
}

/// <summary>The live-update topic of received and refused platform orders (the admin feed subscribes to it).</summary>
public static class IntegrationTopics
{
    public const string Orders = "platform-orders";
}

/// <summary>
/// Accepts a platform order in one transaction: the buyer found or added (by phone blind index), a unit per item
/// bought, an installation work order per unit when the order asks for installation (with the SLA and the preferred
/// window), the raw payload kept encrypted; the work orders' "created" events go to the outbox in the same commit, and
/// dispatch takes it from there. Idempotent on tenant + platform + platform order id by a unique index: a repeat,
/// concurrent or later, gets the first answer and creates nothing. Refused content is kept for replay.
/// </summary>
public sealed class OrderIntake(
    CareLoopDbContext db, ITenantContext tenant, ICustomerIntake customers, IWorkOrderDesk desk, ICatalog catalog, IMemoryCache cache,
    PersonalDataProtector protector, DatabaseProvider provider, IChangeFeed changes, TimeProvider time)
{
    public const int MaxItems = 50;
    public const int MaxQuantity = 20;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Parses and accepts a signed body; a body that is not an order is refused (400) and kept for the dead-letter list.</summary>
    public Task<IntakeOutcome> AcceptAsync(IntegrationKey key, byte[] body, CancellationToken cancellationToken) =>
        AcceptAsync(key, body, IntakeMode.Receive, cancellationToken);

    /// <inheritdoc cref="AcceptAsync(IntegrationKey, byte[], CancellationToken)"/>
    public async Task<IntakeOutcome> AcceptAsync(IntegrationKey key, byte[] body, IntakeMode mode, CancellationToken cancellationToken)
    {
        if (mode == IntakeMode.Replay)
        {
            cache.Remove(ModelsCacheKey());
        }

        OrderPayload? payload = null;
        try
        {
            // JSON is UTF-8; the reader does not check the bytes of names it skips, so check them all first.
            if (System.Text.Unicode.Utf8.IsValid(body))
            {
                payload = JsonSerializer.Deserialize<OrderPayload>(body, Json);
            }
        }
        catch (JsonException)
        {
            payload = null;
        }

        if (payload is null)
        {
            var malformed = new Error(ErrorCodes.MalformedJson, StatusCodes.Status400BadRequest);
            await RejectAsync(key, null, Encoding.UTF8.GetString(body), ReasonsOf(malformed), mode, cancellationToken);
            return new IntakeOutcome(malformed.Status, null, malformed);
        }

        return await AcceptAsync(key, payload, Encoding.UTF8.GetString(body), mode, cancellationToken);
    }

    public async Task<IntakeOutcome> AcceptAsync(IntegrationKey key, OrderPayload payload, string rawJson, IntakeMode mode, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            // A new order (the common case) goes straight to its insert; the unique index turns a repeat into a second
            // round that answers from the first. A refused repeat is re-checked before it is refused (see TryAcceptAsync).
            if (attempt > 1 && await ExistingAsync(payload, cancellationToken) is { } repeat)
            {
                return new IntakeOutcome(StatusCodes.Status200OK, repeat, null);
            }

            try
            {
                return await TryAcceptAsync(key, payload, rawJson, mode, cancellationToken);
            }
            catch (DbUpdateException e) when (attempt < 3 && e.InnerException is System.Data.Common.DbException inner && provider.IsUniqueViolation(inner))
            {
                // A concurrent copy of this order won (the next round answers 200 with its result), or a concurrent order
                // for the same new buyer added them first (the next round finds them), or a work-order number clashed.
                db.ChangeTracker.Clear();
            }
        }
    }

    /// <summary>The answer already given to this order, or null when it is new.</summary>
    public async Task<OrderAccepted?> ExistingAsync(OrderPayload payload, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(payload.Platform) || string.IsNullOrWhiteSpace(payload.PlatformOrderId))
        {
            return null;
        }

        var platform = payload.Platform.Trim().ToLowerInvariant();
        var id = payload.PlatformOrderId.Trim();
        var existing = await db.Set<PlatformOrder>().AsNoTracking()
            .Where(o => o.Platform == platform && o.PlatformOrderId == id)
            .Select(o => new { o.Id, o.WorkOrderIds, o.Status })
            .FirstOrDefaultAsync(cancellationToken);
        return existing is null
            ? null
            : new OrderAccepted(existing.Id, PlatformOrder.ParseIds(existing.WorkOrderIds), StatusName(existing.Status));
    }

    /// <summary>How a refusal is kept in the dead-letter list (<see cref="RefusalReasons"/>); a body that is not JSON is <c>body:malformed_json</c>.</summary>
    public static string ReasonsOf(Error error) =>
        RefusalReasons.Format(error.Fields is { Count: > 0 } fields ? fields : [new FieldError("body", error.Code)]);

    private async Task<IntakeOutcome> TryAcceptAsync(IntegrationKey key, OrderPayload payload, string rawJson, IntakeMode mode, CancellationToken cancellationToken)
    {
        var v = new Validation();
        var platform = payload.Platform?.Trim().ToLowerInvariant();
        if (string.IsNullOrWhiteSpace(platform))
        {
            v.Add("platform", ErrorCodes.Required);
        }
        else if (!Platforms.All.Contains(platform))
        {
            v.Add("platform", ErrorCodes.InvalidFormat);
        }

        v.Required("platformOrderId", payload.PlatformOrderId).MaxLength("platformOrderId", payload.PlatformOrderId, 64)
            .Required("shopId", payload.ShopId).MaxLength("shopId", payload.ShopId, 64)
            .MaxLength("referralCode", payload.ReferralCode, 32).MaxLength("remark", payload.Remark, 500);
        if (!string.IsNullOrWhiteSpace(payload.ShopId) && key.ShopId.Length > 0 && payload.ShopId.Trim() != key.ShopId)
        {
            v.Add("shopId", ErrorCodes.ShopMismatch);
        }

        var now = time.GetUtcNow();
        if (payload.PaidAt is not { } paidAt)
        {
            v.Add("paidAt", ErrorCodes.Required);
        }
        else if (paidAt > now.AddMinutes(10))
        {
            v.Add("paidAt", ErrorCodes.OutOfRange, "", TimeDisplay.Local(now));
        }

        var service = payload.Service?.Trim().ToLowerInvariant();
        if (service is null || !OrderServices.All.Contains(service))
        {
            v.Add("service", service is null ? ErrorCodes.Required : ErrorCodes.InvalidFormat);
        }

        if (payload.PreferredWindow is { } window && (window.Start is not { } from || window.End is not { } to || to <= from || to - from > TimeSpan.FromDays(7)))
        {
            v.Add("preferredWindow", ErrorCodes.InvalidFormat);
        }

        var units = await UnitsAsync(payload.Items, v, cancellationToken);
        var buyer = payload.Buyer;
        if (buyer is null)
        {
            v.Add("buyer", ErrorCodes.Required);
        }

        var staged = buyer is null
            ? (Result<StagedBuyer>?)null
            : await customers.StageAsync(
                new BuyerInput(buyer.Name, buyer.Phone, buyer.Address?.RegionCode, buyer.Address?.Detail, buyer.Address?.Lat, buyer.Address?.Lng),
                units.Select(u => u.Input).ToList(), platform ?? "other", payload.PlatformOrderId?.Trim() ?? "", TimeDisplay.DateOf(payload.PaidAt ?? now),
                cancellationToken);
        v.Merge(staged?.Error);
        if (v.ToError() is { } invalid)
        {
            db.ChangeTracker.Clear(); // the buyer may have been staged before another field failed: nothing of this order is saved

            // A concurrent copy may have committed between our first look and the checks (its serials now look taken).
            if (await ExistingAsync(payload, cancellationToken) is { } repeat)
            {
                return new IntakeOutcome(StatusCodes.Status200OK, repeat, null);
            }

            await RejectAsync(key, payload, rawJson, ReasonsOf(invalid), mode, cancellationToken);
            return new IntakeOutcome(invalid.Status, null, invalid);
        }

        var buyerOnFile = staged!.Value.Value!;
        var workOrders = new List<Guid>();
        if (service != OrderServices.None)
        {
            var label = Platforms.Label(platform!);
            for (var i = 0; i < units.Count; i++)
            {
                var description = $"{label}订单 {payload.PlatformOrderId!.Trim()}：{units[i].Name}{(service == OrderServices.DeliverInstall ? " 送装一体" : " 安装")}" +
                    (string.IsNullOrWhiteSpace(payload.Remark) ? "" : "；买家备注：" + payload.Remark.Trim());
                var opened = await desk.StageAsync(
                    new StagedWorkOrder(buyerOnFile.CustomerId, buyerOnFile.UnitIds[i], buyerOnFile.AddressId, buyerOnFile.DistrictCode, WorkOrderKind.Installation,
                        description, label + "订单", payload.PreferredWindow?.Start, payload.PreferredWindow?.End),
                    cancellationToken);
                workOrders.Add(opened.Id);
            }
        }

        var order = PlatformOrder.Accept(tenant.RequireTenantId(), platform!, payload.PlatformOrderId!.Trim(), payload.ShopId!.Trim(), key.Id, payload.PaidAt!.Value,
            buyerOnFile.CustomerId, workOrders, protector.Encrypt(rawJson), now);
        db.Add(order);
        await db.SaveChangesAsync(cancellationToken);
        db.ChangeTracker.Clear();
        changes.Publish(ChangeTopics.Topic(order.TenantId, IntegrationTopics.Orders), new ChangeNotice(order.Id, 0, "accepted"));
        return new IntakeOutcome(StatusCodes.Status202Accepted, new OrderAccepted(order.Id, workOrders, StatusName(order.Status)), null);
    }

    /// <summary>Each unit bought (quantity expanded), its model from the SKU and its serial when given; errors named as in the payload.</summary>
    private async Task<List<(UnitInput Input, string Name)>> UnitsAsync(IReadOnlyList<ItemPayload>? items, Validation v, CancellationToken cancellationToken)
    {
        var units = new List<(UnitInput, string)>();
        if (items is null || items.Count == 0)
        {
            v.Add("items", ErrorCodes.Required);
            return units;
        }

        if (items.Count > MaxItems)
        {
            v.Add("items", ErrorCodes.OutOfRange, 1, MaxItems);
            return units;
        }

        var models = await ModelsAsync(cancellationToken);
        for (var i = 0; i < items.Count; i++)
        {
            var item = items[i];
            var quantity = item.Quantity ?? 0;
            var serials = item.SerialNumbers ?? [];
            v.Required($"items[{i}].sku", item.Sku).Range($"items[{i}].quantity", quantity, 1, MaxQuantity);
            if (serials.Count > Math.Max(quantity, 0))
            {
                v.Add($"items[{i}].serialNumbers", ErrorCodes.OutOfRange, 0, quantity);
            }

            if (string.IsNullOrWhiteSpace(item.Sku))
            {
                continue;
            }

            if (!models.TryGetValue(item.Sku.Trim().ToUpperInvariant(), out var model))
            {
                v.Add($"items[{i}].sku", ErrorCodes.UnknownSku, item.Sku.Length > 64 ? item.Sku[..64] : item.Sku);
                continue;
            }

            for (var n = 0; n < Math.Clamp(quantity, 0, MaxQuantity); n++)
            {
                var serial = n < serials.Count ? serials[n] : null;
                units.Add((new UnitInput(model.Id, model.Sku, serial, $"items[{i}].serialNumbers[{n}]"), model.Name));
            }
        }

        return units;
    }

    /// <summary>The tenant's active models by SKU, kept for a minute: every order needs them, they change rarely.</summary>
    private async Task<IReadOnlyDictionary<string, ModelSummary>> ModelsAsync(CancellationToken cancellationToken)
    {
        var key = ModelsCacheKey();
        if (cache.TryGetValue(key, out IReadOnlyDictionary<string, ModelSummary>? cached))
        {
            return cached!;
        }

        var models = (await catalog.ActiveModelsAsync(cancellationToken)).ToDictionary(m => m.Sku.ToUpperInvariant());
        cache.Set(key, (IReadOnlyDictionary<string, ModelSummary>)models, TimeSpan.FromMinutes(1));
        return models;
    }

    private string ModelsCacheKey() => "active-models:" + tenant.RequireTenantId();

    private async Task RejectAsync(IntegrationKey key, OrderPayload? payload, string rawJson, string errors, IntakeMode mode, CancellationToken cancellationToken)
    {
        if (mode != IntakeMode.Receive)
        {
            return; // the replayed dead letter, or the import's error report, is the record of it
        }

        var rejected = RejectedOrder.Record(tenant.RequireTenantId(), key.Id, payload?.Platform?.Trim().ToLowerInvariant() is { Length: <= 16 } p ? p : null,
            payload?.PlatformOrderId?.Trim(), protector.Encrypt(rawJson), errors, time.GetUtcNow());
        db.Add(rejected);
        await db.SaveChangesAsync(cancellationToken);
        db.ChangeTracker.Clear();
        changes.Publish(ChangeTopics.Topic(rejected.TenantId, IntegrationTopics.Orders), new ChangeNotice(rejected.Id, 0, "rejected"));
    }

    private static string StatusName(PlatformOrderStatus status) => status == PlatformOrderStatus.Accepted ? "accepted" : "cancelled";
}
