using CareLoop.Platform.Results;
using Microsoft.Extensions.Localization;

namespace CareLoop.Platform.Web;

/// <summary>The same localized texts the API puts in problem details, for pages that call handlers directly.</summary>
public static class ErrorText
{
    public static List<string> Describe(IStringLocalizer localizer, Error error)
    {
        if (error.Fields is { Count: > 0 } fields)
        {
            return fields.Select(f => $"{localizer["FieldName." + f.Field].Value}: {localizer.Format("Field." + f.Code, f.Args)}").ToList();
        }

        return [localizer.Format("Problem." + error.Code + ".Detail", error.Args)];
    }

    /// <summary>A resource string, formatted only when there are arguments (so a stray "{0}" never throws).</summary>
    public static string Format(this IStringLocalizer localizer, string key, object[] args) =>
        args.Length == 0 ? localizer[key].Value : localizer[key, args].Value;
}
