using System.Globalization;
using CareLoop.Modules.WorkOrders.Contracts;
using CareLoop.Modules.WorkOrders.Domain;
using CareLoop.Modules.WorkOrders.Domain.Sla;
using Microsoft.Extensions.Time.Testing;

namespace CareLoop.Tests.Domain;

public sealed class SlaClockTests
{
    // Sample data in the uploaded format: the engine knows no holidays of its own.
    private const string NationalDay2026 = """
        # National Day 2026 (sample)
        2026-10-01 off
        2026-10-02 off
        2026-10-03 off
        2026-10-04 off
        2026-10-05 off
        2026-10-06 off
        2026-10-07 off
        2026-10-10 work 09:00-18:00   # make-up Saturday (调休)
        """;

    private static readonly IReadOnlyList<WorkingHours> Weekday = [WorkingHours.Parse("09:00-12:00"), WorkingHours.Parse("13:00-18:00")];

    // Shanghai service desk: 8 h on weekdays with a lunch break, Saturday mornings, Sunday off, national holidays.
    private static readonly BusinessCalendar Office = BusinessCalendar.For(
        new Dictionary<DayOfWeek, IReadOnlyList<WorkingHours>>
        {
            [DayOfWeek.Monday] = Weekday,
            [DayOfWeek.Tuesday] = Weekday,
            [DayOfWeek.Wednesday] = Weekday,
            [DayOfWeek.Thursday] = Weekday,
            [DayOfWeek.Friday] = Weekday,
            [DayOfWeek.Saturday] = [WorkingHours.Parse("09:00-12:00")],
        },
        CalendarDaysParser.Parse(NationalDay2026).Days);

    private static readonly BusinessCalendar Weekdays = BusinessCalendar.For(BusinessCalendar.StandardWeek);

    private static DateTimeOffset At(string iso) => DateTimeOffset.Parse(iso, CultureInfo.InvariantCulture);

    private static DateTimeOffset? DeadlineOf(BusinessCalendar calendar, string start, double hours, params SlaPause[] pauses) =>
        SlaClock.Deadline(SlaTimer.Budgeted(At(start), TimeSpan.FromHours(hours), SlaClockMode.BusinessHours, pauses), calendar);

    [Fact]
    public void A_clock_started_on_friday_evening_resumes_on_monday_morning() =>
        Assert.Equal(At("2026-06-08T11:00+08:00"), DeadlineOf(Weekdays, "2026-06-05T19:30+08:00", 2));

    [Fact]
    public void The_lunch_break_does_not_count() =>
        Assert.Equal(At("2026-06-02T14:00+08:00"), DeadlineOf(Office, "2026-06-02T11:00+08:00", 2));

    [Fact]
    public void A_saturday_morning_counts_and_sunday_does_not() =>
        Assert.Equal(At("2026-06-08T10:00+08:00"), DeadlineOf(Office, "2026-06-05T17:00+08:00", 5));

    [Fact]
    public void National_day_holidays_from_the_uploaded_calendar_do_not_count() =>
        Assert.Equal(At("2026-10-08T11:00+08:00"), DeadlineOf(Office, "2026-09-30T17:00+08:00", 3));

    [Fact]
    public void A_make_up_saturday_is_worked_with_its_own_hours() =>
        Assert.Equal(At("2026-10-10T14:00+08:00"), DeadlineOf(Office, "2026-10-09T17:00+08:00", 6));

    [Fact]
    public void A_suspension_pushes_the_deadline_back_by_the_business_time_it_overlaps()
    {
        // 16 h from Tuesday 09:00 ends Wednesday 18:00; Tue 15:00–Wed 10:00 overlaps 3 h + 1 h of working time.
        var pause = new SlaPause(At("2026-06-02T15:00+08:00"), At("2026-06-03T10:00+08:00"));
        var timer = SlaTimer.Budgeted(At("2026-06-02T09:00+08:00"), TimeSpan.FromHours(16), SlaClockMode.BusinessHours, [pause]);

        Assert.Equal(At("2026-06-03T18:00+08:00"), DeadlineOf(Office, "2026-06-02T09:00+08:00", 16));
        Assert.Equal(At("2026-06-04T14:00+08:00"), SlaClock.Deadline(timer, Office));
        Assert.Equal(TimeSpan.FromHours(5), SlaClock.Elapsed(timer, Office, At("2026-06-03T10:00+08:00")));
        var atDeadline = SlaClock.Read(timer, Office, At("2026-06-04T14:00+08:00"));
        Assert.Equal((SlaStatus.Warning, TimeSpan.FromHours(16), TimeSpan.Zero), (atDeadline.Status, atDeadline.Elapsed, atDeadline.Remaining));
        var justAfter = SlaClock.Read(timer, Office, At("2026-06-04T14:00:01+08:00"));
        Assert.Equal((SlaStatus.Breached, TimeSpan.FromSeconds(-1)), (justAfter.Status, justAfter.Remaining));
    }

    [Fact]
    public void A_suspension_outside_working_hours_does_not_move_the_deadline() =>
        Assert.Equal(
            At("2026-06-08T10:00+08:00"),
            DeadlineOf(Office, "2026-06-05T17:00+08:00", 5, new SlaPause(At("2026-06-06T12:00+08:00"), At("2026-06-08T09:00+08:00"))));

    [Fact]
    public void An_open_suspension_holds_the_clock_and_reads_as_paused()
    {
        var time = new FakeTimeProvider(At("2026-06-04T10:00+08:00"));
        var suspendedAt = At("2026-06-02T11:00+08:00");
        var timer = SlaTimer.Budgeted(At("2026-06-02T09:00+08:00"), TimeSpan.FromHours(16), SlaClockMode.BusinessHours, [new SlaPause(suspendedAt)]);

        var reading = SlaClock.Read(timer, Office, time);

        Assert.Equal(new SlaReading(SlaStatus.Paused, null, TimeSpan.FromHours(2), TimeSpan.FromHours(14), 0.125), reading);
        Assert.Null(SlaClock.WarningAt(timer, Office));

        // Resumed on Thursday 10:00: the 14 h left run Thu 10:00–18:00 (7 h) and Fri 09:00–17:00 (7 h).
        var resumed = SlaTimer.Budgeted(timer.Start, timer.Budget, timer.Mode, [new SlaPause(suspendedAt, time.GetUtcNow())]);
        time.Advance(TimeSpan.FromHours(1));
        Assert.Equal(At("2026-06-05T17:00+08:00"), SlaClock.Read(resumed, Office, time).Deadline);
        Assert.Equal(SlaStatus.OnTrack, SlaClock.Read(resumed, Office, time).Status);
    }

    [Fact]
    public void An_around_the_clock_policy_counts_nights_and_weekends_but_not_suspensions()
    {
        var policy = SlaPolicy.Default with { Mode = SlaClockMode.AroundTheClock };
        var start = At("2026-06-05T20:00+08:00");
        var pause = new SlaPause(At("2026-06-06T01:00+08:00"), At("2026-06-06T03:30+08:00"));

        Assert.Equal(At("2026-06-07T20:00+08:00"), SlaClock.Deadline(SlaTimer.For(policy, SlaTarget.Completion, start), Office));
        Assert.Equal(At("2026-06-07T22:30+08:00"), SlaClock.Deadline(SlaTimer.For(policy, SlaTarget.Completion, start, [pause]), Office));
    }

    [Theory]
    [InlineData("2026-06-02T12:30+08:00", SlaStatus.OnTrack)]
    [InlineData("2026-06-02T14:05:59+08:00", SlaStatus.OnTrack)]
    [InlineData("2026-06-02T14:06+08:00", SlaStatus.Warning)]
    [InlineData("2026-06-02T14:30+08:00", SlaStatus.Warning)]
    [InlineData("2026-06-02T14:30:01+08:00", SlaStatus.Breached)]
    public void First_contact_warns_at_80_percent_and_breaches_after_the_deadline(string now, SlaStatus expected)
    {
        // 2 h from 11:30: 30 min before lunch, 90 min after; 80 % (96 min) is reached at 14:06.
        var timer = SlaTimer.For(SlaPolicy.Default, SlaTarget.FirstContact, At("2026-06-02T11:30+08:00"));

        Assert.Equal(expected, SlaClock.Read(timer, Office, new FakeTimeProvider(At(now))).Status);
        Assert.Equal(At("2026-06-02T14:06+08:00"), SlaClock.WarningAt(timer, Office));
        Assert.Equal(At("2026-06-02T14:30+08:00"), SlaClock.Deadline(timer, Office));
    }

    [Fact]
    public void The_warning_threshold_is_a_parameter()
    {
        var timer = SlaTimer.For(SlaPolicy.Default, SlaTarget.FirstContact, At("2026-06-02T09:00+08:00"));
        var reading = SlaClock.Read(timer, Office, At("2026-06-02T10:00+08:00"), warningThreshold: 0.5);

        Assert.Equal((SlaStatus.Warning, 0.5), (reading.Status, reading.PercentUsed));
        Assert.Equal(SlaStatus.OnTrack, SlaClock.Read(timer, Office, At("2026-06-02T10:00+08:00"), warningThreshold: 0.6).Status);
    }

    [Fact]
    public void A_deadline_missed_on_friday_stays_breached_over_the_weekend_without_growing_overdue()
    {
        var timer = SlaTimer.Budgeted(At("2026-06-05T16:00+08:00"), TimeSpan.FromHours(2), SlaClockMode.BusinessHours);

        var reading = SlaClock.Read(timer, Weekdays, At("2026-06-06T10:00+08:00"));

        Assert.Equal(new SlaReading(SlaStatus.Breached, At("2026-06-05T18:00+08:00"), TimeSpan.FromHours(2), TimeSpan.Zero, 1), reading);
    }

    [Theory]
    [InlineData("2026-06-05T17:59:59+08:00", SlaStatus.Met)]
    [InlineData("2026-06-05T18:00+08:00", SlaStatus.Met)]
    [InlineData("2026-06-05T18:00:01+08:00", SlaStatus.Breached)]
    [InlineData("2026-06-06T10:00+08:00", SlaStatus.Breached)]
    public void A_stopped_clock_is_met_when_it_stopped_by_the_deadline(string stoppedAt, SlaStatus expected)
    {
        var timer = SlaTimer.Budgeted(At("2026-06-05T16:00+08:00"), TimeSpan.FromHours(2), SlaClockMode.BusinessHours, stoppedAt: At(stoppedAt));

        Assert.Equal(expected, SlaClock.Read(timer, Weekdays, At("2026-06-10T12:00+08:00")).Status);
    }

    [Fact]
    public void Arrival_is_due_at_the_end_of_the_booked_window()
    {
        var window = new AppointmentWindow(At("2026-06-03T14:00+08:00"), At("2026-06-03T16:00+08:00"));
        var booked = At("2026-06-02T10:00+08:00");

        Assert.Equal(window.End, SlaClock.Deadline(SlaTimer.Until(booked, window.End), Office));
        Assert.Equal(SlaStatus.Met, SlaClock.Read(SlaTimer.Until(booked, window.End, At("2026-06-03T15:50+08:00")), Office, window.End).Status);
        Assert.Equal(SlaStatus.Breached, SlaClock.Read(SlaTimer.Until(booked, window.End, At("2026-06-03T16:05+08:00")), Office, window.End.AddDays(1)).Status);
        Assert.Null(SlaPolicy.Default.BudgetFor(SlaTarget.Arrival));
    }

    [Fact]
    public void A_year_of_business_time_is_exact_to_the_second()
    {
        var timer = SlaTimer.Budgeted(At("2026-01-05T00:00+08:00"), TimeSpan.FromHours(52 * 45), SlaClockMode.BusinessHours);

        Assert.Equal(TimeSpan.FromHours(52 * 45), SlaClock.Elapsed(timer, Weekdays, At("2027-01-04T00:00+08:00")));
        Assert.Equal(At("2027-01-01T18:00+08:00"), SlaClock.Deadline(timer, Weekdays));
    }

    [Fact]
    public void Across_the_berlin_spring_forward_a_friday_evening_clock_resumes_on_monday_in_summer_time()
    {
        var berlin = BusinessCalendar.For(BusinessCalendar.StandardWeek, timeZoneId: "Europe/Berlin");

        Assert.Equal(At("2026-03-30T10:00+02:00"), DeadlineOf(berlin, "2026-03-27T17:00+01:00", 2));
        Assert.Equal(
            At("2026-03-29T13:00+02:00"),
            SlaClock.Deadline(SlaTimer.Budgeted(At("2026-03-28T12:00+01:00"), TimeSpan.FromHours(24), SlaClockMode.AroundTheClock), berlin));
    }

    [Theory]
    [InlineData("00:00-24:00", "2026-03-29T00:00+01:00", "2026-03-30T00:00+02:00", 23)]
    [InlineData("00:00-24:00", "2026-10-25T00:00+02:00", "2026-10-26T00:00+01:00", 25)]
    [InlineData("00:00-24:00", "2026-06-07T00:00+02:00", "2026-06-08T00:00+02:00", 24)]
    [InlineData("02:00-03:00", "2026-03-29T00:00+01:00", "2026-03-30T00:00+02:00", 0)]
    [InlineData("02:00-03:00", "2026-10-25T00:00+02:00", "2026-10-26T00:00+01:00", 2)]
    public void Working_hours_on_a_dst_day_last_as_long_as_the_clocks_say(string hoursOnSunday, string midnight, string nextMidnight, int hours)
    {
        var week = new Dictionary<DayOfWeek, IReadOnlyList<WorkingHours>> { [DayOfWeek.Sunday] = [WorkingHours.Parse(hoursOnSunday)] };
        var berlin = BusinessCalendar.For(week, timeZoneId: "Europe/Berlin");
        var timer = SlaTimer.Budgeted(At(midnight), TimeSpan.FromHours(100), SlaClockMode.BusinessHours);

        Assert.Equal(TimeSpan.FromHours(hours), SlaClock.Elapsed(timer, berlin, At(nextMidnight)));
    }

    [Theory]
    [InlineData(WorkOrderKind.OnSiteRepair, WorkOrderPriority.Urgent, 30)]
    [InlineData(WorkOrderKind.OnSiteRepair, WorkOrderPriority.Normal, 180)]
    [InlineData(WorkOrderKind.Installation, WorkOrderPriority.Urgent, 60)]
    [InlineData(WorkOrderKind.Installation, WorkOrderPriority.Normal, 240)]
    public void The_resolver_prefers_kind_and_priority_then_kind_then_priority_then_the_default(
        WorkOrderKind kind, WorkOrderPriority priority, int firstContactMinutes)
    {
        static SlaPolicy Policy(WorkOrderKind? kind, WorkOrderPriority? priority, int minutes) =>
            SlaPolicy.Default with { Kind = kind, Priority = priority, FirstContact = TimeSpan.FromMinutes(minutes) };
        SlaPolicy[] tenant =
        [
            Policy(null, WorkOrderPriority.Urgent, 60),
            Policy(WorkOrderKind.OnSiteRepair, WorkOrderPriority.Urgent, 30),
            Policy(null, null, 240),
            Policy(WorkOrderKind.OnSiteRepair, null, 180),
        ];

        Assert.Equal(TimeSpan.FromMinutes(firstContactMinutes), SlaPolicyResolver.Resolve(tenant, kind, priority).FirstContact);
    }

    [Fact]
    public void Without_tenant_policies_the_default_applies_and_a_kind_beats_a_priority()
    {
        SlaPolicy[] tenant = [SlaPolicy.Default with { Priority = WorkOrderPriority.Urgent }, SlaPolicy.Default with { Kind = WorkOrderKind.MailInRepair }];

        Assert.Same(SlaPolicy.Default, SlaPolicyResolver.Resolve([], WorkOrderKind.Installation, WorkOrderPriority.Low));
        Assert.Same(tenant[1], SlaPolicyResolver.Resolve(tenant, WorkOrderKind.MailInRepair, WorkOrderPriority.Urgent));
        Assert.Equal((TimeSpan.FromHours(2), TimeSpan.FromHours(48), TimeSpan.FromHours(72)), (SlaPolicy.Default.FirstContact, SlaPolicy.Default.Completion, SlaPolicy.Default.RepairTurnaround));
    }

    [Fact]
    public void The_calendar_parser_reads_comments_several_intervals_and_midnight()
    {
        var result = CalendarDaysParser.Parse("# 2026\r\n\r\n2026-09-20 WORK 09:00-12:00 13:00-18:00 # Sunday\r\n2026-12-31 work 20:00-24:00\r\n");

        Assert.True(result.IsValid);
        Assert.Equal("09:00-12:00 13:00-18:00", string.Join(' ', result.Days[new DateOnly(2026, 9, 20)]));
        Assert.Equal(TimeSpan.FromHours(4), result.Days[new DateOnly(2026, 12, 31)].Single().Length);
    }

    [Fact]
    public void The_calendar_parser_returns_each_bad_line_with_its_number_and_a_reason()
    {
        const string text = """
            # holidays
            2026-10-01 off
            2026-13-01 off
            2026-10-02
            2026-10-03 holiday
            2026-10-04 off 09:00-12:00
            2026-10-10 work
            2026-10-11 work 9-18
            2026-10-12 work 09:00-12:00 11:00-18:00
            2026-10-01 work 09:00-18:00
            2026-10-13 work 18:00-09:00
            """;

        var result = CalendarDaysParser.Parse(text);

        Assert.False(result.IsValid);
        Assert.Equal(
            [
                (3, CalendarDaysParser.BadDate), (4, CalendarDaysParser.MissingKind), (5, CalendarDaysParser.UnknownKind),
                (6, CalendarDaysParser.HoursOnDayOff), (7, CalendarDaysParser.MissingHours), (8, CalendarDaysParser.BadHours),
                (9, CalendarDaysParser.OverlappingHours), (10, CalendarDaysParser.DuplicateDate), (11, CalendarDaysParser.BadHours),
            ],
            result.Errors.Select(e => (e.Line, e.Code)));
        Assert.Equal("2026-10-01 is already defined on line 2.", result.Errors.Single(e => e.Line == 10).Message);
        Assert.Equal("'9-18' is not a time range like 09:00-18:00 (end after start, at most 24:00).", result.Errors.Single(e => e.Line == 8).Message);
        Assert.Equal([new DateOnly(2026, 10, 1)], result.Days.Keys);
    }
}
