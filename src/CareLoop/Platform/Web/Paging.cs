using Microsoft.EntityFrameworkCore;

namespace CareLoop.Platform.Web;

/// <summary>One page of a list and how many rows match.</summary>
/// <param name="TotalIsCapped">
/// True when counting stopped at the cap: <see cref="Total"/> is the cap and more rows match (shown as "10,000+").
/// </param>
public sealed record Page<T>(IReadOnlyList<T> Items, int PageNumber, int PageSize, int Total, bool TotalIsCapped = false);

public static class Paging
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 200;

    /// <summary>How far <see cref="CountCappedAsync{T}"/> counts: beyond it a count walks the whole tenant for a number nobody reads.</summary>
    public const int CountCap = 10_000;

    public static async Task<Page<T>> ToPageAsync<T>(this IQueryable<T> query, int? page, int? pageSize, CancellationToken cancellationToken)
    {
        var (p, size) = Window(page, pageSize);
        var total = await query.CountAsync(cancellationToken);
        var items = await query.Skip((p - 1) * size).Take(size).ToListAsync(cancellationToken);
        return new Page<T>(items, p, size, total);
    }

    /// <summary>
    /// How many rows match, counting no further than <paramref name="cap"/> + 1 (then the total is the cap, and capped):
    /// <c>COUNT(*)</c> over a <c>LIMIT</c> of the unordered rows, so it stops early instead of walking every match.
    /// </summary>
    public static async Task<(int Total, bool IsCapped)> CountCappedAsync<T>(this IQueryable<T> filtered, CancellationToken cancellationToken, int cap = CountCap)
    {
        var counted = await filtered.Take(cap + 1).CountAsync(cancellationToken);
        return counted > cap ? (cap, true) : (counted, false);
    }

    /// <summary>A page of the ordered rows with a total counted beforehand (<see cref="CountCappedAsync{T}"/>).</summary>
    public static async Task<Page<T>> ToPageAsync<T>(
        this IQueryable<T> ordered, int? page, int? pageSize, (int Total, bool IsCapped) count, CancellationToken cancellationToken)
    {
        var (p, size) = Window(page, pageSize);
        var items = await ordered.Skip((p - 1) * size).Take(size).ToListAsync(cancellationToken);
        return new Page<T>(items, p, size, count.Total, count.IsCapped);
    }

    private static (int Page, int Size) Window(int? page, int? pageSize) =>
        (Math.Max(1, page ?? 1), Math.Clamp(pageSize ?? DefaultPageSize, 1, MaxPageSize));
}
