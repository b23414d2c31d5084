using System.Globalization;
using CareLoop.Modules.Field.Domain;
using Microsoft.Extensions.Localization;

namespace CareLoop.Modules.Field.Features.CheckIn;

/// <summary>How a check-in reads: its distance from the address and the threshold, or why there is none.</summary>
public static class CheckInText
{
    public static string Describe(IStringLocalizer t, CheckInView c) => c.Flag switch
    {
        CheckInFlag.NoLocation => t["CheckIn.NoLocationText"],
        CheckInFlag.AddressNotLocated => t["CheckIn.AddressNotLocatedText"],
        _ => t["CheckIn.Distance", Km(c.DistanceMeters ?? 0), Km(c.ThresholdMeters)],
    };

    public static string Km(int meters) => (meters / 1000.0).ToString("0.0#", CultureInfo.InvariantCulture);

    public static bool IsFlagged(CheckInFlag flag) => flag != CheckInFlag.Near;
}
