using System.Security.Claims;
using CareLoop.Platform.Auditing;
using CareLoop.Platform.Identity;
using CareLoop.Platform.Persistence;
using CareLoop.Platform.Results;
using CareLoop.Platform.Tenancy;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;

namespace CareLoop.Platform.SavedViews;

/// <summary>A list page whose filters users may save, e.g. <c>work-orders</c>; each module registers its own (<see cref="SavedViewsExtensions.AddSavedViewPage"/>).</summary>
public sealed record SavedViewPage(string Key);

public sealed record SaveViewRequest(string? Page, string? Name, string? Query, bool Shared = false);

/// <param name="IsMine">The caller owns it (may delete it); otherwise another user shared it.</param>
/// <param name="CanDelete">The caller may delete it: their own, or a shared one when they manage shared views.</param>
public sealed record SavedViewRow(Guid Id, string Page, string Name, string Query, bool IsShared, bool IsMine, bool CanDelete, string? OwnerName, DateTimeOffset CreatedAt);

/// <summary>
/// Saved list views: a user's own views plus those others in the tenant shared. Another user's private view does not
/// exist for the caller (404, never 403: its id leaks nothing); another tenant's is filtered out by the tenant filter.
/// </summary>
public sealed class SavedViewsHandler(CareLoopDbContext db, ITenantContext tenant, IEnumerable<SavedViewPage> pages, IAuditLog audit, TimeProvider time)
{
    public const int NameMaxLength = 60;
    public const int QueryMaxLength = 1000;

    public async Task<Result<IReadOnlyList<SavedViewRow>>> ListAsync(ClaimsPrincipal actor, string? page, CancellationToken cancellationToken)
    {
        if (actor.UserId() is not { } me)
        {
            return Error.Forbidden();
        }

        if (ValidatePage(new Validation(), page).ToError() is { } invalid)
        {
            return invalid;
        }

        var views = await db.Set<SavedView>().AsNoTracking()
            .Where(v => v.Page == page && (v.OwnerId == me || v.IsShared))
            .ToListAsync(cancellationToken);
        var ownerIds = views.Select(v => v.OwnerId).Distinct().ToList();
        var owners = await db.Users.Where(u => ownerIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, cancellationToken);
        return views
            .OrderByDescending(v => v.OwnerId == me).ThenBy(v => v.Name, StringComparer.CurrentCulture)
            .Select(v => Row(v, actor, me, owners.GetValueOrDefault(v.OwnerId)))
            .ToList();
    }

    public async Task<Result<SavedViewRow>> CreateAsync(ClaimsPrincipal actor, SaveViewRequest request, CancellationToken cancellationToken)
    {
        if (actor.UserId() is not { } me)
        {
            return Error.Forbidden();
        }

        var name = request.Name?.Trim();
        var query = Canonical(request.Query);
        var v = ValidatePage(new Validation(), request.Page)
            .Required("name", name).MaxLength("name", name, NameMaxLength)
            .MaxLength("query", query, QueryMaxLength);
        if (v.ToError() is { } invalid)
        {
            return invalid;
        }

        if (await db.Set<SavedView>().AnyAsync(x => x.OwnerId == me && x.Page == request.Page && x.Name == name, cancellationToken))
        {
            return new Error(ErrorCodes.SavedViewNameTaken, StatusCodes.Status409Conflict, null, name!);
        }

        var view = SavedView.Create(tenant.RequireTenantId(), me, request.Page!, name!, query, request.Shared, time.GetUtcNow());
        db.Add(view);
        audit.Record("saved-view.created", nameof(SavedView), view.Id.ToString(), new { view.Page, view.Name, view.Query, view.IsShared });
        await db.SaveChangesAsync(cancellationToken);
        return Row(view, actor, me, actor.FindFirstValue(CareLoopClaims.DisplayName));
    }

    public async Task<Result> DeleteAsync(ClaimsPrincipal actor, Guid id, CancellationToken cancellationToken)
    {
        if (actor.UserId() is not { } me)
        {
            return Error.Forbidden();
        }

        var view = await db.Set<SavedView>().SingleOrDefaultAsync(x => x.Id == id, cancellationToken);
        if (view is null || (view.OwnerId != me && !view.IsShared))
        {
            return Error.NotFound();
        }

        if (!MayDelete(view, actor, me))
        {
            return Error.Forbidden();
        }

        db.Remove(view);
        audit.Record("saved-view.deleted", nameof(SavedView), view.Id.ToString(), new { view.Page, view.Name, view.OwnerId, view.IsShared });
        await db.SaveChangesAsync(cancellationToken);
        return Result.Success();
    }

    /// <summary>
    /// The query string as the list will read it: parsed and re-encoded, without the leading <c>?</c>, empty values
    /// dropped. A view is applied by navigating to the page with it, so nothing but a query string is ever stored.
    /// </summary>
    public static string Canonical(string? query)
    {
        var pairs = QueryHelpers.ParseQuery(query)
            .SelectMany(p => p.Value.Where(value => !string.IsNullOrEmpty(value)).Select(value => KeyValuePair.Create(p.Key, (string?)value)));
        return QueryString.Create(pairs).ToUriComponent().TrimStart('?');
    }

    private Validation ValidatePage(Validation v, string? page)
    {
        if (string.IsNullOrWhiteSpace(page))
        {
            return v.Required("page", page);
        }

        return pages.Any(p => p.Key == page) ? v : v.Add("page", ErrorCodes.UnknownListPage, page);
    }

    private static bool MayDelete(SavedView view, ClaimsPrincipal actor, Guid me) =>
        view.OwnerId == me || (view.IsShared && actor.HasPermission(Permissions.SavedViewsManageShared));

    private static SavedViewRow Row(SavedView v, ClaimsPrincipal actor, Guid me, string? ownerName) =>
        new(v.Id, v.Page, v.Name, v.Query, v.IsShared, v.OwnerId == me, MayDelete(v, actor, me), ownerName, v.CreatedAt);
}
