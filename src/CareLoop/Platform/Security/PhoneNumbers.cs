using PhoneNumbers;

namespace CareLoop.Platform.Security;

/// <summary>Phone numbers: normalised to E.164 (China by default), shown masked (<c>138****5678</c>).</summary>
public static class PhoneNumberRules
{
    private static readonly PhoneNumberUtil Util = PhoneNumberUtil.GetInstance();

    /// <summary>E.164 (<c>+8613812345678</c>) or null when the input is not a valid number.</summary>
    public static string? Normalize(string? input, string defaultRegion = "CN")
    {
        if (string.IsNullOrWhiteSpace(input) || input.Length > 32)
        {
            return null;
        }

        try
        {
            var number = Util.Parse(input, defaultRegion);
            return Util.IsValidNumber(number) ? Util.Format(number, PhoneNumberFormat.E164) : null;
        }
        catch (NumberParseException)
        {
            return null;
        }
    }

    /// <summary>The national number with all but the first three and last four digits hidden.</summary>
    public static string Mask(string e164)
    {
        var national = National(e164);
        return national.Length <= 7 ? new string('*', national.Length) : national[..3] + new string('*', national.Length - 7) + national[^4..];
    }

    /// <summary>The digits a Chinese caller dials (<c>13812345678</c>); other countries keep their + prefix.</summary>
    public static string National(string e164) =>
        e164.StartsWith("+86", StringComparison.Ordinal) ? e164[3..] : e164;
}
