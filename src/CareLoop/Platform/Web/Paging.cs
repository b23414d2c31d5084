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

    /// <summary>How far <see cref="ToCappedPageAsync{TSource,T}"/> counts: beyond it a count walks the whole tenant for a number nobody reads.</summary>
    public const int CountCap = 10_000;

    public static async Task<Page<T>> ToPageAsync<T>(this IQueryable<T> query, int? page, int? pageSize, CancellationToken cancellationToken)
    {
        var (p, size) = Window(page, pageSize);
        var total = await query.CountAsync(cancellationToken);
        var items = await query.Skip((p - 1) * size).Take(size).ToListAsync(cancellationToken);
        return new Page<T>(items, p, size, total);
    }

    /// <summary>
    /// A page of a list that can match millions of rows: counts at most <paramref name="cap"/> + 1 rows of the filtered,
    /// unordered <paramref name="filtered"/> (<c>COUNT(*)</c> over a <c>LIMIT</c>, so the count stops early instead of
    /// sorting or walking every match), then reads the page through <paramref name="orderAndProject"/>.
    /// </summary>
    public static async Task<Page<T>> ToCappedPageAsync<TSource, T>(
        this IQueryable<TSource> filtered, Func<IQueryable<TSource>, IQueryable<T>> orderAndProject, int? page, int? pageSize,
        CancellationToken cancellationToken, int cap = CountCap)
    {
        var (p, size) = Window(page, pageSize);
        var counted = await filtered.Take(cap + 1).CountAsync(cancellationToken);
        var items = await orderAndProject(filtered).Skip((p - 1) * size).Take(size).ToListAsync(cancellationToken);
        return counted > cap ? new Page<T>(items, p, size, cap, TotalIsCapped: true) : new Page<T>(items, p, size, counted);
    }

    private static (int Page, int Size) Window(int? page, int? pageSize) =>
        (Math.Max(1, page ?? 1), Math.Clamp(pageSize ?? DefaultPageSize, 1, MaxPageSize));
}
