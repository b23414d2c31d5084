using System.Globalization;
using CareLoop.Modules.Network.Features.ListEngineers;

namespace CareLoop.Modules.Network.Features.SaveEngineer;

/// <summary>The engineer dialog's editable state: a row per weekday for the shift grid, district codes as typed text.</summary>
public sealed class EngineerForm
{
    public Guid? Id { get; private set; }

    public Guid? UserId { get; set; }

    public string Title { get; private set; } = "";

    public Guid? StationId { get; set; }

    public IReadOnlyCollection<string> Skills { get; set; } = [];

    /// <summary>Codes separated by commas, spaces or 、.</summary>
    public string Districts { get; set; } = "";

    public double? ServiceRadiusKm { get; set; }

    public int DailyCapacity { get; set; } = 6;

    public double? HomeLatitude { get; set; }

    public double? HomeLongitude { get; set; }

    public bool IsActive { get; set; } = true;

    public long? Version { get; private set; }

    public List<DayRow> Week { get; } = Enumerable.Range(1, 7).Select(d => new DayRow(d) { Works = d <= 6 }).ToList();

    public List<CertificateRow> Certificates { get; } = [];

    public List<LeaveRow> Leave { get; } = [];

    public static EngineerForm From(EngineerRow e)
    {
        var form = new EngineerForm
        {
            Id = e.Id, UserId = e.UserId, Title = e.DisplayName.Length > 0 ? e.DisplayName : e.UserName, StationId = e.StationId, Skills = e.Skills,
            Districts = string.Join(", ", e.ServiceDistricts), ServiceRadiusKm = e.ServiceRadiusKm, DailyCapacity = e.DailyCapacity,
            HomeLatitude = e.HomeLatitude, HomeLongitude = e.HomeLongitude, IsActive = e.ProfileActive, Version = e.Version,
        };
        foreach (var day in form.Week)
        {
            var shift = e.Shifts.FirstOrDefault(s => s.Day == day.Day);
            (day.Works, day.Start, day.End) = shift is null ? (false, "08:00", "18:00") : (true, shift.Start, shift.End);
        }

        form.Certificates.AddRange(e.Certificates.Select(c => new CertificateRow { Kind = c.Kind, ExpiresOn = Text(c.ExpiresOn) }));
        form.Leave.AddRange(e.Leave.Select(l => new LeaveRow { From = Text(l.From), To = Text(l.To) }));
        return form;
    }

    public SaveEngineerRequest ToRequest() => new(
        Id is null ? UserId : null, StationId, Skills.ToList(),
        Districts.Split([',', ' ', '、', '，', ';', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
        ServiceRadiusKm, DailyCapacity, HomeLatitude, HomeLongitude,
        Certificates.Select(c => new CertificateInput(c.Kind, Date(c.ExpiresOn))).ToList(),
        Week.Where(d => d.Works).Select(d => new ShiftInput(d.Day, d.Start, d.End)).ToList(),
        Leave.Select(l => new LeaveInput(Date(l.From), Date(l.To))).ToList(),
        IsActive, Version);

    private static DateOnly? Date(string? value) =>
        DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;

    private static string Text(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public sealed class DayRow(int day)
    {
        public int Day { get; } = day;

        public bool Works { get; set; }

        public string Start { get; set; } = "08:00";

        public string End { get; set; } = "18:00";
    }

    public sealed class CertificateRow
    {
        public string? Kind { get; set; }

        public string? ExpiresOn { get; set; }
    }

    public sealed class LeaveRow
    {
        public string? From { get; set; }

        public string? To { get; set; }
    }
}
