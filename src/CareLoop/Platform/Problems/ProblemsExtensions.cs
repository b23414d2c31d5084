using System.Text.Json;
using CareLoop.Platform.Results;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.EntityFrameworkCore;

namespace CareLoop.Platform.Problems;

public static class ProblemsExtensions
{
    public static IServiceCollection AddCareLoopProblems(this IServiceCollection services)
    {
        services.AddSingleton<ProblemFactory>();
        services.AddProblemDetails(o => o.CustomizeProblemDetails = ctx =>
            ctx.HttpContext.RequestServices.GetRequiredService<ProblemFactory>().Fill(ctx.HttpContext, ctx.ProblemDetails));
        services.AddExceptionHandler<ProblemExceptionHandler>();
        // Bad JSON must reach the exception handler in every environment so it gets its own code.
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        return services;
    }

    public static bool IsApi(this HttpContext context) =>
        context.Request.Path.StartsWithSegments("/api") || context.Request.Path.StartsWithSegments("/health");

    /// <summary>
    /// Blazor answers a form post with a missing or expired antiforgery token with a bare 400; answer it with a
    /// problem detail instead. Runs after UseAntiforgery, which records the validation result.
    /// </summary>
    public static IApplicationBuilder UseAntiforgeryProblems(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            var requires = context.GetEndpoint()?.Metadata.GetMetadata<IAntiforgeryMetadata>()?.RequiresValidation == true;
            if (requires && context.Features.Get<IAntiforgeryValidationFeature>() is { IsValid: false })
            {
                var factory = context.RequestServices.GetRequiredService<ProblemFactory>();
                var problem = factory.Create(context, StatusCodes.Status400BadRequest, ErrorCodes.AntiforgeryFailed);
                await TypedResults.Problem(problem).ExecuteAsync(context);
                return;
            }

            await next(context);
        });
}

/// <summary>Maps exceptions to problem details: bad input by its kind, anything else as a 500 without internals.</summary>
internal sealed class ProblemExceptionHandler(ProblemFactory factory, ILogger<ProblemExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        var (status, code) = exception switch
        {
            BadHttpRequestException { StatusCode: 413 } => (413, ErrorCodes.PayloadTooLarge),
            BadHttpRequestException { InnerException: JsonException } => (400, ErrorCodes.MalformedJson),
            BadHttpRequestException { StatusCode: 415 } => (415, ErrorCodes.UnsupportedMediaType),
            BadHttpRequestException b when b.Message.Contains("JSON", StringComparison.OrdinalIgnoreCase) => (400, ErrorCodes.MalformedJson),
            BadHttpRequestException b => (b.StatusCode, ErrorCodes.BadRequest),
            DbUpdateConcurrencyException => (409, ErrorCodes.ConcurrencyConflict),
            _ => (500, ErrorCodes.InternalError),
        };
        if (status == 500)
        {
            logger.LogError(exception, "Unhandled exception for {Method} {Path}", context.Request.Method, context.Request.Path);
        }

        if (context.Response.HasStarted)
        {
            return false;
        }

        context.Response.Clear();
        var problem = factory.Create(context, status, code);
        await TypedResults.Problem(problem).ExecuteAsync(context);
        return true;
    }
}
