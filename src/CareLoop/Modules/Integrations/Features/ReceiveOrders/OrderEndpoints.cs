using System.Text.Json;
using CareLoop.Modules.Integrations.Domain;
using CareLoop.Modules.WorkOrders.Contracts;
using CareLoop.Platform.Persistence;
using CareLoop.Platform.Problems;
using CareLoop.Platform.Results;
using CareLoop.Platform.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace CareLoop.Modules.Integrations.Features.ReceiveOrders;

public sealed record CancelOrderRequest(string? Reason);

public sealed record OrderCancelled(Guid OrderId, IReadOnlyList<Guid> CancelledWorkOrderIds, string Status);

public sealed record BatchRequest(IReadOnlyList<JsonElement>? Orders);

public sealed record BatchResult(IReadOnlyList<BatchOutcome> Results, int Accepted, int Repeated, int Refused);

/// <summary>
/// The order API for e-commerce platforms and brands' middleware: signed (see <see cref="SignedRequests"/>), not a
/// staff login. One order, a batch of up to 500 (each with its own outcome), and the cancellation of a refunded order.
/// </summary>
public static class OrderEndpoints
{
    public const int MaxOrderBytes = 256 * 1024;
    public const int MaxBatchBytes = 8 * 1024 * 1024;
    public const int MaxBatchOrders = 500;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static RouteGroupBuilder MapOrderIntake(this RouteGroupBuilder integrations)
    {
        integrations.MapPost("/orders", async (HttpContext http, SignedRequests signing, CancellationToken ct) =>
            {
                if (await VerifyAsync(http, signing, MaxOrderBytes, ct) is not { } signed)
                {
                    return Results.Empty;
                }

                var outcome = await http.RequestServices.GetRequiredService<OrderIntake>().AcceptAsync(signed.Key, signed.Body, ct);
                return outcome.Error is { } error ? http.Problem(error) : TypedResults.Json(outcome.Accepted, statusCode: outcome.Status);
            })
            .Accepts<OrderPayload>("application/json")
            .Produces<OrderAccepted>(StatusCodes.Status202Accepted).Produces<OrderAccepted>(StatusCodes.Status200OK)
            .ProducesProblem(400).ProducesProblem(401).ProducesProblem(413).ProducesProblem(422).ProducesProblem(429)
            .WithSummary("Receive a paid platform order. Headers: X-CareLoop-Key, X-CareLoop-Timestamp (Unix s, ±5 min), X-CareLoop-Signature: sha256=hex(HMAC-SHA256(secret, timestamp + \".\" + body)). 202 first time, 200 with the same body on every repeat.");

        integrations.MapPost("/orders:batch", async (HttpContext http, SignedRequests signing, CancellationToken ct) =>
            {
                if (await VerifyAsync(http, signing, MaxBatchBytes, ct) is not { } signed)
                {
                    return Results.Empty;
                }

                BatchRequest? batch;
                try
                {
                    batch = JsonSerializer.Deserialize<BatchRequest>(signed.Body, Json);
                }
                catch (JsonException)
                {
                    batch = null;
                }

                if (batch?.Orders is not { Count: > 0 } orders)
                {
                    return http.Problem(new Error(ErrorCodes.MalformedJson, StatusCodes.Status400BadRequest));
                }

                if (orders.Count > MaxBatchOrders)
                {
                    return http.Problem(new Validation().Add("orders", ErrorCodes.OutOfRange, 1, MaxBatchOrders).ToError()!);
                }

                var intake = http.RequestServices.GetRequiredService<OrderIntake>();
                var problems = http.RequestServices.GetRequiredService<ProblemFactory>();
                var results = new List<BatchOutcome>();
                for (var i = 0; i < orders.Count; i++)
                {
                    var raw = orders[i].GetRawText();
                    var outcome = await intake.AcceptAsync(signed.Key, System.Text.Encoding.UTF8.GetBytes(raw), ct);
                    var id = orders[i].ValueKind == JsonValueKind.Object && orders[i].TryGetProperty("platformOrderId", out var p) && p.ValueKind == JsonValueKind.String ? p.GetString() : null;
                    results.Add(new BatchOutcome(i, id, outcome.Status, outcome.Accepted, outcome.Error is { } e ? problems.Create(http, e) : null));
                }

                return TypedResults.Ok(new BatchResult(results, results.Count(r => r.Status == 202), results.Count(r => r.Status == 200), results.Count(r => r.Status >= 400)));
            })
            .Accepts<BatchRequest>("application/json")
            .Produces<BatchResult>()
            .ProducesProblem(400).ProducesProblem(401).ProducesProblem(413).ProducesProblem(429)
            .WithSummary("Receive up to 500 orders ({ orders: [...] }) with the same signing; each order succeeds or fails on its own (status 202, 200 or a problem per order).");

        integrations.MapPost("/platforms/{platform}/orders", async (string platform, HttpContext http, SignedRequests signing, CancellationToken ct) =>
            {
                var name = platform.Trim().ToLowerInvariant();
                if (!PlatformAdapters.PlatformMappers.Supported.Contains(name))
                {
                    return http.Problem(Error.NotFound());
                }

                if (await VerifyAsync(http, signing, MaxOrderBytes, ct) is not { } signed)
                {
                    return Results.Empty;
                }

                var intake = http.RequestServices.GetRequiredService<OrderIntake>();
                JsonElement native;
                try
                {
                    native = System.Text.Unicode.Utf8.IsValid(signed.Body) ? JsonSerializer.Deserialize<JsonElement>(signed.Body) : default;
                }
                catch (JsonException)
                {
                    native = default;
                }

                var mapped = native.ValueKind == JsonValueKind.Undefined
                    ? (Result<OrderPayload>?)null
                    : await http.RequestServices.GetRequiredService<PlatformAdapters.PlatformMappers>().MapAsync(name, native, ct);
                var outcome = mapped is { IsSuccess: true } ok
                    ? await intake.AcceptAsync(signed.Key, ok.Value!, System.Text.Encoding.UTF8.GetString(signed.Body), IntakeMode.Receive, ct)
                    : await intake.AcceptAsync(signed.Key, signed.Body, ct); // not JSON (or not an object): refused and kept like any malformed order
                return outcome.Error is { } error ? http.Problem(error) : TypedResults.Json(outcome.Accepted, statusCode: outcome.Status);
            })
            .Produces<OrderAccepted>(StatusCodes.Status202Accepted).Produces<OrderAccepted>(StatusCodes.Status200OK)
            .ProducesProblem(400).ProducesProblem(401).ProducesProblem(404).ProducesProblem(413).ProducesProblem(422).ProducesProblem(429)
            .WithSummary("Receive an order in the platform's own push shape (tmall: TOP trade; jd: pop order; douyin: 抖店 order detail with encrypted buyer fields), signed like /orders; mapped to the same command.");

        integrations.MapPost("/orders/{platform}/{platformOrderId}/cancel", async (string platform, string platformOrderId, HttpContext http, SignedRequests signing, CancellationToken ct) =>
            {
                if (await VerifyAsync(http, signing, MaxOrderBytes, ct) is not { } signed)
                {
                    return Results.Empty;
                }

                CancelOrderRequest? body;
                try
                {
                    body = signed.Body.Length == 0 ? new CancelOrderRequest(null) : JsonSerializer.Deserialize<CancelOrderRequest>(signed.Body, Json);
                }
                catch (JsonException)
                {
                    return http.Problem(new Error(ErrorCodes.MalformedJson, StatusCodes.Status400BadRequest));
                }

                var result = await CancelAsync(http.RequestServices, platform.Trim().ToLowerInvariant(), platformOrderId.Trim(), body?.Reason, ct);
                return result.ToHttp(http, TypedResults.Ok);
            })
            .Accepts<CancelOrderRequest>("application/json")
            .Produces<OrderCancelled>()
            .ProducesProblem(401).ProducesProblem(404)
            .WithSummary("The platform order was cancelled or refunded: its work orders that have not started are cancelled with the reason. Same signing.");
        return integrations;
    }

    private static async Task<Result<OrderCancelled>> CancelAsync(IServiceProvider services, string platform, string platformOrderId, string? reason, CancellationToken ct)
    {
        var db = services.GetRequiredService<CareLoopDbContext>();
        var order = await db.Set<PlatformOrder>().SingleOrDefaultAsync(o => o.Platform == platform && o.PlatformOrderId == platformOrderId, ct);
        if (order is null)
        {
            return Error.NotFound();
        }

        var why = string.IsNullOrWhiteSpace(reason) ? "平台订单已取消/退款" : reason.Trim()[..Math.Min(reason.Trim().Length, 200)];
        var cancelled = await services.GetRequiredService<IWorkOrderDesk>().CancelNotStartedAsync(order.WorkOrders, Platforms.Label(platform) + "订单", why, ct);
        order.Cancel(why, services.GetRequiredService<TimeProvider>().GetUtcNow());
        await db.SaveChangesAsync(ct);
        return new OrderCancelled(order.Id, cancelled, "cancelled");
    }

    /// <summary>The signed call, with the tenant of its key set for the rest of the request; null when a problem was written.</summary>
    private static async Task<SignedRequest?> VerifyAsync(HttpContext http, SignedRequests signing, int maxBytes, CancellationToken ct)
    {
        var verified = await signing.VerifyAsync(http.Request, maxBytes, ct);
        if (!verified.IsSuccess)
        {
            if (verified.Error!.Status == StatusCodes.Status429TooManyRequests)
            {
                http.Response.Headers.RetryAfter = "1";
            }

            await http.Problem(verified.Error).ExecuteAsync(http);
            return null;
        }

        http.RequestServices.GetRequiredService<ITenantContext>().Set(verified.Value!.Key.TenantId, null);
        return verified.Value;
    }
}
