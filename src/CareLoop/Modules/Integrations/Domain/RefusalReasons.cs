using System.Globalization;
using CareLoop.Platform.Results;

namespace CareLoop.Modules.Integrations.Domain;

/// <summary>
/// How a refused order's field errors are kept (<see cref="RejectedOrder.Errors"/>): one line per error,
/// <c>field:code</c> and then <c>:arg</c> per message argument, URI-escaped (a SKU from the payload may hold anything),
/// e.g. <c>items[0].sku:unknown_sku:NO-SUCH-SKU</c>. Lines written before arguments were kept simply have none.
/// </summary>
public static class RefusalReasons
{
    public static string Format(IEnumerable<FieldError> errors) =>
        string.Join('\n', errors.Select(e => string.Join(':', [e.Field, e.Code, .. e.Args.Select(Escape)])));

    public static IReadOnlyList<FieldError> Parse(string errors) =>
        errors.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(line => line.Split(':'))
            .Select(parts => parts.Length < 2
                ? new FieldError(parts[0], ErrorCodes.InvalidFormat)
                : new FieldError(parts[0], parts[1], parts[2..].Select(Unescape).ToArray<object>()))
            .ToList();

    /// <summary>A message's arguments alone, in the same escaping (an import's row error keeps them so).</summary>
    public static string FormatArgs(IEnumerable<object> args) => string.Join(':', args.Select(Escape));

    public static object[] ParseArgs(string args) =>
        args.Length == 0 ? [] : args.Split(':').Select(Unescape).ToArray<object>();

    private static string Escape(object arg) => Uri.EscapeDataString(Convert.ToString(arg, CultureInfo.InvariantCulture) ?? "");

    private static string Unescape(string arg) => Uri.UnescapeDataString(arg);
}
