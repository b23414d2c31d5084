using System.Globalization;
using System.Security.Claims;
using CareLoop.Modules.Customers.Contracts;
using CareLoop.Modules.Field.Domain;
using CareLoop.Modules.Field.Features.ExactlyOnce;
using CareLoop.Modules.WorkOrders.Contracts;
using CareLoop.Platform.Identity;
using CareLoop.Platform.Localization;
using CareLoop.Platform.Results;
using CareLoop.Platform.Tenancy;

namespace CareLoop.Modules.Field.Features.BookVisit;

/// <summary>
/// The visit agreed with the customer: a local day (<c>yyyy-MM-dd</c>) and a window (<c>HH:mm</c>, Asia/Shanghai) inside
/// the tenant's working hours, at the version the engineer saw. Rebooking a booked job needs <c>cause</c>
/// (<c>customer</c> or <c>engineer</c>), and a <c>reason</c> when the engineer caused it.
/// </summary>
public sealed record BookVisitRequest(
    string? Date, string? Start, string? End, long? ExpectedVersion, string? Cause = null, string? Reason = null, string? IdempotencyKey = null);

/// <param name="NotifiedPhone">The masked phone the customer's SMS went to; null on a replay (nothing was sent again) or without a phone.</param>
public sealed record VisitBooked(Guid WorkOrderId, WorkOrderState State, DateTimeOffset Start, DateTimeOffset End, string? NotifiedPhone, bool Replayed);

/// <summary>A window the phone offers: a local day and times inside one working interval.</summary>
public sealed record VisitSlot(DateOnly Day, TimeOnly Start, TimeOnly End)
{
    /// <summary>The form's value: <c>2026-11-25|09:00|11:00</c>.</summary>
    public string Value => string.Create(CultureInfo.InvariantCulture, $"{Day:yyyy-MM-dd}|{Start:HH\\:mm}|{End:HH\\:mm}");
}

/// <summary>
/// Books (schedules) the visit, or rebooks it (reschedules, with who caused it), through the work-order transition
/// rules, once per idempotency key; then the customer gets the <c>VisitBooked</c> SMS (window, engineer, order number).
/// A resend with the same key changes nothing and sends nothing.
/// </summary>
public sealed class BookVisitHandler(IEngineerJobs jobs, ICustomerDirectory customers, ExactlyOnceActions once, TimeProvider time)
{
    public const string Action = "book";
    public const string SmsTemplate = "VisitBooked";
    public static readonly TimeSpan SlotLength = TimeSpan.FromHours(2);
    public const int DaysOffered = 7;

    public async Task<Result<VisitBooked>> HandleAsync(ClaimsPrincipal actor, Guid workOrderId, BookVisitRequest request, CancellationToken cancellationToken)
    {
        if (!actor.HasPermission(Permissions.MobileUse) || actor.UserId() is not { } me)
        {
            return Error.Forbidden();
        }

        if (await jobs.FindMineAsync(actor, workOrderId, cancellationToken) is not { } job)
        {
            return Error.NotFound();
        }

        var key = request.IdempotencyKey?.Trim();
        if (!string.IsNullOrEmpty(key) && await once.ReplayAsync(me, key, Action, workOrderId, cancellationToken) is { } replayed)
        {
            return replayed.IsSuccess
                ? new VisitBooked(workOrderId, job.State, job.AppointmentStart ?? default, job.AppointmentEnd ?? default, null, Replayed: true)
                : replayed.Error!;
        }

        var rebooking = job.State == WorkOrderState.Scheduled;
        var cause = request.Cause?.Trim().ToLowerInvariant();
        var v = ExactlyOnceActions.CheckKey(new Validation(), key).MaxLength("reason", request.Reason, 500);
        if (request.ExpectedVersion is null)
        {
            v.Add("expectedVersion", ErrorCodes.Required);
        }

        var day = Parse<DateOnly>(v, "date", request.Date, s => DateOnly.TryParseExact(s, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : (DateOnly?)null);
        var start = Parse<TimeOnly>(v, "start", request.Start, s => TimeOnly.TryParseExact(s, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var t) ? t : (TimeOnly?)null);
        var end = Parse<TimeOnly>(v, "end", request.End, s => TimeOnly.TryParseExact(s, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var t) ? t : (TimeOnly?)null);
        if (rebooking && cause is not ("customer" or "engineer"))
        {
            v.Add("cause", string.IsNullOrWhiteSpace(cause) ? ErrorCodes.Required : ErrorCodes.InvalidFormat);
        }
        else if (rebooking && cause == "engineer" && string.IsNullOrWhiteSpace(request.Reason))
        {
            v.Add("reason", ErrorCodes.Required); // the engineer moves the customer's appointment: say why
        }

        if (start is { } from && end is { } to && to <= from)
        {
            v.Add("end", ErrorCodes.EndsBeforeStart);
        }
        else if (day is { } d && start is { } s && end is { } e)
        {
            var hours = (await jobs.WorkingDaysAsync(d, 1, cancellationToken)).SingleOrDefault()?.Hours ?? [];
            if (!hours.Any(h => h.From <= s && e <= h.To))
            {
                v.Add("start", ErrorCodes.OutsideBusinessHours);
            }
            else if (TimeDisplay.ToUtc(d, s) <= time.GetUtcNow())
            {
                v.Add("start", ErrorCodes.MustBeFuture);
            }
        }

        if (v.ToError() is { } invalid)
        {
            return invalid;
        }

        var windowStart = TimeDisplay.ToUtc(day!.Value, start!.Value);
        var windowEnd = TimeDisplay.ToUtc(day.Value, end!.Value);
        string? notified = null;
        var done = await once.RunAsync(me, key!, Action, workOrderId, async receipt =>
        {
            receipt.Settle(nameof(WorkOrderState.Scheduled));
            var move = new EngineerMove(rebooking ? "reschedule" : "schedule", request.ExpectedVersion!.Value, request.Reason, windowStart, windowEnd, cause == "engineer");
            var moved = await jobs.MoveAsync(actor, workOrderId, move, cancellationToken);
            if (!moved.IsSuccess)
            {
                return moved.Error!;
            }

            // Saved with its receipt: a resend replays and never gets here, so the customer hears once per booking.
            notified = await customers.NotifyBySmsAsync(job.CustomerId, SmsTemplate, SmsParameters(actor, moved.Value!.Number, windowStart, windowEnd), key!, cancellationToken);
            return moved.Value.State.ToString();
        }, cancellationToken);
        if (!done.IsSuccess)
        {
            return done.Error!;
        }

        var now = await jobs.FindMineAsync(actor, workOrderId, cancellationToken);
        return new VisitBooked(workOrderId, now?.State ?? WorkOrderState.Scheduled, now?.AppointmentStart ?? windowStart, now?.AppointmentEnd ?? windowEnd, notified, done.Value!.Replayed);
    }

    /// <summary>Windows of <see cref="SlotLength"/> in the tenant's working hours over the next <see cref="DaysOffered"/> days, from now on.</summary>
    public async Task<IReadOnlyList<VisitSlot>> SlotsAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var days = await jobs.WorkingDaysAsync(TimeDisplay.Today(time), DaysOffered, cancellationToken);
        return Slots(days, now);
    }

    public static IReadOnlyList<VisitSlot> Slots(IReadOnlyList<WorkingDay> days, DateTimeOffset now)
    {
        var slots = new List<VisitSlot>();
        foreach (var day in days)
        {
            foreach (var (from, to) in day.Hours)
            {
                for (var start = from; start < to && (to - start) >= TimeSpan.FromHours(1);)
                {
                    var end = (to - start) >= SlotLength ? start.Add(SlotLength) : to;
                    if (TimeDisplay.ToUtc(day.Day, start) > now)
                    {
                        slots.Add(new VisitSlot(day.Day, start, end));
                    }

                    if (end <= start)
                    {
                        break;
                    }

                    start = end;
                }
            }
        }

        return slots;
    }

    /// <summary>The SMS template's parameters: the window in Asia/Shanghai, the engineer's name, the order's number.</summary>
    public static Dictionary<string, string> SmsParameters(ClaimsPrincipal engineer, string number, DateTimeOffset start, DateTimeOffset end)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(Tenant.DefaultTimeZone);
        var from = TimeZoneInfo.ConvertTime(start, zone);
        var to = TimeZoneInfo.ConvertTime(end, zone);
        return new Dictionary<string, string>
        {
            ["window"] = from.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + "-" + to.ToString("HH:mm", CultureInfo.InvariantCulture),
            ["engineer"] = engineer.FindFirst(CareLoopClaims.DisplayName)?.Value ?? engineer.Identity?.Name ?? "",
            ["order"] = number,
        };
    }

    private static T? Parse<T>(Validation v, string field, string? text, Func<string, T?> parse)
        where T : struct
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            v.Add(field, ErrorCodes.Required);
            return null;
        }

        if (parse(text.Trim()) is { } value)
        {
            return value;
        }

        v.Add(field, ErrorCodes.InvalidFormat);
        return null;
    }
}
