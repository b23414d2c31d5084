using System.Text.Json;
using Microsoft.Extensions.Options;

namespace CareLoop.Platform.Telephony;

/// <summary>
/// The local adapter: keeps the bindings a provider would (in memory, like a provider's own state), allocating secret
/// numbers from the configured pool, and records the request body a real <c>BindAxb</c> call would carry for the
/// Development page (<c>/dev/privacy-numbers</c>). As at the provider, one A–B pair holds one live binding in a pool: binding
/// it again returns the same secret number (with the later expiration). Expired bindings free their number.
/// </summary>
public sealed class LocalPrivacyNumbers(IOptions<PrivacyNumberOptions> options, TimeProvider time) : IPrivacyNumbers
{
    private readonly Lock _gate = new();
    private readonly List<Binding> _bindings = [];
    private int _next;

    /// <param name="WireBody">The <c>BindAxb</c> parameters as the provider would receive them.</param>
    /// <param name="UnbindWireBody">The <c>UnbindSubscription</c> parameters that released it (null while bound).</param>
    public sealed record Binding(
        string SubsId, string PoolKey, string SecretNo, string PhoneNoA, string PhoneNoB, DateTimeOffset Expiration, string OutId, string WireBody, bool Unbound,
        DateTimeOffset? UnboundAt = null, string? UnbindWireBody = null);

    /// <summary>Live and ended bindings, newest first.</summary>
    public IReadOnlyList<Binding> Bindings
    {
        get
        {
            lock (_gate)
            {
                return _bindings.AsEnumerable().Reverse().ToList();
            }
        }
    }

    public Task<AxbBound> BindAxbAsync(AxbBinding request, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var wire = JsonSerializer.Serialize(new Dictionary<string, string>
        {
            ["Action"] = "BindAxb",
            ["PoolKey"] = request.PoolKey,
            ["PhoneNoA"] = Local(request.PhoneNoA),
            ["PhoneNoB"] = Local(request.PhoneNoB),
            ["Expiration"] = TimeZoneInfo.ConvertTime(request.Expiration, TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai")).ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture),
            ["OutId"] = request.OutId,
        });
        lock (_gate)
        {
            var live = _bindings.Where(b => !b.Unbound && b.Expiration > now && b.PoolKey == request.PoolKey).ToList();
            if (live.FirstOrDefault(b => b.PhoneNoA == request.PhoneNoA && b.PhoneNoB == request.PhoneNoB) is { } same)
            {
                _bindings[_bindings.IndexOf(same)] = same with { Expiration = request.Expiration, WireBody = wire };
                return Task.FromResult(new AxbBound("OK", same.SecretNo, same.SubsId));
            }

            // X may serve several pairs, but never two with the same A or the same B (the provider could not route the call back).
            var pool = options.Value.Pool;
            for (var i = 0; i < pool.Length; i++)
            {
                var candidate = pool[(_next + i) % pool.Length];
                if (!live.Any(b => b.SecretNo == candidate && (b.PhoneNoA == request.PhoneNoA || b.PhoneNoB == request.PhoneNoB)))
                {
                    _next = (_next + i + 1) % pool.Length;
                    var binding = new Binding(Guid.NewGuid().ToString("N")[..16], request.PoolKey, candidate, request.PhoneNoA, request.PhoneNoB, request.Expiration, request.OutId, wire, false);
                    _bindings.Add(binding);
                    return Task.FromResult(new AxbBound("OK", candidate, binding.SubsId));
                }
            }
        }

        return Task.FromResult(new AxbBound("isv.NO_AVAILABLE_NUMBER", null, null));
    }

    public Task<bool> UnbindSubscriptionAsync(string poolKey, string subsId, string secretNo, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var index = _bindings.FindIndex(b => b.SubsId == subsId && b.SecretNo == secretNo && b.PoolKey == poolKey && !b.Unbound);
            if (index < 0)
            {
                return Task.FromResult(false);
            }

            var wire = JsonSerializer.Serialize(new Dictionary<string, string>
            {
                ["Action"] = "UnbindSubscription",
                ["PoolKey"] = poolKey,
                ["SubsId"] = subsId,
                ["SecretNo"] = Local(secretNo),
            });
            _bindings[index] = _bindings[index] with { Unbound = true, UnboundAt = time.GetUtcNow(), UnbindWireBody = wire };
            return Task.FromResult(true);
        }
    }

    /// <summary>The provider takes mainland numbers without the country code.</summary>
    private static string Local(string e164) => e164.StartsWith("+86", StringComparison.Ordinal) ? e164[3..] : e164.TrimStart('+');
}
