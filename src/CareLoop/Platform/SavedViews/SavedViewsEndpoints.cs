using System.Security.Claims;
using CareLoop.Platform.Identity;
using CareLoop.Platform.Problems;

namespace CareLoop.Platform.SavedViews;

public static class SavedViewsExtensions
{
    public static IServiceCollection AddSavedViews(this IServiceCollection services) => services.AddScoped<SavedViewsHandler>();

    /// <summary>Lets users save views of the list page <paramref name="key"/> (the allow-list of <c>POST /saved-views</c>).</summary>
    public static IServiceCollection AddSavedViewPage(this IServiceCollection services, string key) => services.AddSingleton(new SavedViewPage(key));

    public static RouteGroupBuilder MapSavedViews(this RouteGroupBuilder api)
    {
        var views = api.MapGroup("/saved-views").WithTags("Saved views").RequireAuthorization(Permissions.SavedViewsUse);
        views.MapGet("/", async (string? page, ClaimsPrincipal user, SavedViewsHandler handler, HttpContext http, CancellationToken ct) =>
                (await handler.ListAsync(user, page, ct)).ToHttp(http, TypedResults.Ok))
            .WithSummary("The caller's saved views of a list page, then those others in the tenant shared.");
        views.MapPost("/", async (SaveViewRequest body, ClaimsPrincipal user, SavedViewsHandler handler, HttpContext http, CancellationToken ct) =>
                (await handler.CreateAsync(user, body, ct)).ToHttp(http, v => TypedResults.Created($"/api/v1/saved-views/{v.Id}", v)))
            .WithSummary("Save the current filters of a list page under a name (unique per user and page), optionally shared with the tenant.");
        views.MapDelete("/{id:guid}", async (Guid id, ClaimsPrincipal user, SavedViewsHandler handler, HttpContext http, CancellationToken ct) =>
                (await handler.DeleteAsync(user, id, ct)).ToHttp(http, TypedResults.NoContent))
            .WithSummary("Delete a view: one's own, or (tenant admins) one shared with the tenant.");
        return api;
    }
}
