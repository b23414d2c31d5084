using System.Globalization;
using System.Text.RegularExpressions;
using CareLoop.Platform.Results;
using Microsoft.Extensions.Localization;

namespace CareLoop.Platform.Web;

/// <summary>The same localized texts the API puts in problem details, for pages that call handlers directly.</summary>
public static partial class ErrorText
{
    public static List<string> Describe(IStringLocalizer localizer, Error error)
    {
        if (error.Fields is { Count: > 0 } fields)
        {
            return fields.Select(f => Describe(localizer, f)).ToList();
        }

        return [localizer.Format("Problem." + error.Code + ".Detail", error.Args)];
    }

    /// <summary>"字段名: 信息" for one field error.</summary>
    public static string Describe(IStringLocalizer localizer, FieldError error) =>
        $"{FieldLabel(localizer, error.Field)}: {localizer.Format("Field." + error.Code, error.Args)}";

    /// <summary>
    /// A field's name for people: <c>FieldName.{field}</c>; for a path with indexes (<c>items[0].sku</c>) the key without
    /// them (<c>FieldName.items[].sku</c>) formatted with the 1-based positions; else the path itself.
    /// </summary>
    public static string FieldLabel(IStringLocalizer localizer, string field)
    {
        var exact = localizer["FieldName." + field];
        if (!exact.ResourceNotFound)
        {
            return exact.Value;
        }

        var positions = Index().Matches(field).Select(m => (object)(int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) + 1)).ToArray();
        var general = localizer["FieldName." + Index().Replace(field, "[]"), positions];
        return positions.Length > 0 && !general.ResourceNotFound ? general.Value : field;
    }

    /// <summary>A resource string, formatted only when there are arguments (so a stray "{0}" never throws).</summary>
    public static string Format(this IStringLocalizer localizer, string key, object[] args) =>
        args.Length == 0 ? localizer[key].Value : localizer[key, args].Value;

    [GeneratedRegex(@"\[(\d{1,6})\]")]
    private static partial Regex Index();
}
