using System.Diagnostics;
using CareLoop.Platform.Localization;
using CareLoop.Platform.Results;
using CareLoop.Platform.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace CareLoop.Platform.Problems;

/// <summary>
/// Builds RFC 9457 problem details with a stable <c>code</c>, a localized <c>title</c>/<c>detail</c> and the
/// <c>traceId</c>. Resource keys: <c>Problem.{code}.Title</c>, <c>Problem.{code}.Detail</c>, <c>Field.{code}</c>.
/// </summary>
public sealed class ProblemFactory(IStringLocalizer<SharedResource> text)
{
    public ProblemDetails Create(HttpContext context, Error error)
    {
        var problem = Create(context, error.Status, error.Code, error.Args);
        if (error.Fields is { Count: > 0 } fields)
        {
            problem.Extensions["errors"] = fields
                .Select(f => new { field = f.Field, code = f.Code, message = text.Format("Field." + f.Code, f.Args) })
                .ToArray();
        }

        foreach (var (name, value) in error.Extensions ?? new Dictionary<string, object?>())
        {
            problem.Extensions[name] = value;
        }

        return problem;
    }

    public ProblemDetails Create(HttpContext context, int status, string code, params object[] args)
    {
        var problem = new ProblemDetails { Status = status };
        Fill(context, problem, code, args);
        return problem;
    }

    /// <summary>Completes a problem created elsewhere (status-code pages, framework errors).</summary>
    public void Fill(HttpContext context, ProblemDetails problem, string? code = null, params object[] args)
    {
        if (code is null && problem.Extensions.ContainsKey("code"))
        {
            return; // already complete: created by this factory, passing through the framework's writer
        }

        code ??= CodeFor(problem.Status);
        var title = text["Problem." + code + ".Title"];
        var detail = args.Length == 0 ? text["Problem." + code + ".Detail"] : text["Problem." + code + ".Detail", args];
        problem.Title = title.ResourceNotFound ? problem.Title : title.Value;
        problem.Detail = detail.ResourceNotFound ? problem.Detail : detail.Value;
        problem.Type = "https://careloop.dev/problems/" + code;
        problem.Instance ??= context.Request.Path;
        problem.Extensions["code"] = code;
        problem.Extensions["traceId"] = Activity.Current?.Id ?? context.TraceIdentifier;
    }

    public static string CodeFor(int? status) => status switch
    {
        400 => ErrorCodes.BadRequest,
        401 => ErrorCodes.Unauthorized,
        403 => ErrorCodes.Forbidden,
        404 => ErrorCodes.NotFound,
        405 => ErrorCodes.MethodNotAllowed,
        409 => ErrorCodes.ConcurrencyConflict,
        413 => ErrorCodes.PayloadTooLarge,
        415 => ErrorCodes.UnsupportedMediaType,
        422 => ErrorCodes.ValidationFailed,
        429 => ErrorCodes.TooManyRequests,
        _ => ErrorCodes.InternalError,
    };
}
