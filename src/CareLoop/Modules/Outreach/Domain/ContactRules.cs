using CareLoop.Modules.Customers.Contracts;
using CareLoop.Modules.Outreach.Contracts;

namespace CareLoop.Modules.Outreach.Domain;

/// <summary>A contact counted by the caps: one that happened, or a message waiting for its slot.</summary>
public sealed record CountedContact(DateTimeOffset At, ContactPurpose Purpose, ContactChannel Channel);

/// <summary>Everything a decision reads, loaded once (docs/adr/0026).</summary>
public sealed record ContactFacts(
    ContactPolicySettings Policy, CustomerContactProfile Customer, IReadOnlyList<ContactOptOut> OptOuts, IReadOnlyList<CountedContact> Contacts);

/// <summary>
/// The contact policy as a pure function. Order: opt-out (drop), channel (drop when none is allowed), do-not-disturb
/// for good (drop); then the rules of the moment — do-not-disturb until a date, no-contact date, allowed hours, call
/// attempts, daily and weekly caps — and a refused moment is deferred to the first later moment every rule allows
/// (within <see cref="Horizon"/>, else dropped). Service contacts (asked for by the customer) only keep to the hours.
/// </summary>
public static class ContactRules
{
    public static readonly TimeSpan Horizon = TimeSpan.FromDays(60);

    public static ContactDecision Decide(ContactFacts facts, ContactPurpose purpose, ContactChannel requested, DateTimeOffset at)
    {
        if (facts.OptOuts.Any(o => o.Covers(purpose, at)))
        {
            return Dropped(ContactReasons.OptedOut);
        }

        if (ResolveChannel(facts.Customer, requested) is not { } channel)
        {
            return Dropped(ContactReasons.NoChannel);
        }

        var unasked = purpose != ContactPurpose.Service;
        if (unasked && facts.Customer.DoNotDisturbUntil is { } dnd && dnd - at > Horizon)
        {
            return new ContactDecision(false, channel, null, ContactReasons.DoNotDisturb);
        }

        var zone = ContactPolicySettings.Zone;
        var windows = facts.Policy.Windows();
        var dates = facts.Policy.Dates();
        var first = Blocker(facts, purpose, channel, at, zone, windows, dates);
        if (first is null)
        {
            return new ContactDecision(true, channel, null, null);
        }

        var slot = at;
        for (var reason = first; reason is not null; reason = Blocker(facts, purpose, channel, slot, zone, windows, dates))
        {
            slot = Next(slot, reason, facts, zone, windows);
            if (slot - at > Horizon)
            {
                return new ContactDecision(false, channel, null, ContactReasons.NoSlot);
            }
        }

        return new ContactDecision(false, channel, slot, first);
    }

    /// <summary>
    /// Elderly or no smartphone: the phone (SMS when calls are not consented). Otherwise the requested channel when the
    /// customer can receive it: WeChat needs an openid and consent (else SMS), SMS needs a phone and consent (else
    /// WeChat), a call needs a phone and consent. Null: no channel is allowed.
    /// </summary>
    public static ContactChannel? ResolveChannel(CustomerContactProfile c, ContactChannel requested)
    {
        var sms = c.HasPhone && c.ConsentSms;
        var call = c.HasPhone && c.ConsentPhone;
        var weChat = c.WeChatOpenId is { Length: > 0 } && c.ConsentWeChat;
        if (c.Elderly || c.NoSmartphone)
        {
            return call ? ContactChannel.Phone : sms ? ContactChannel.Sms : null;
        }

        return requested switch
        {
            ContactChannel.Phone => call ? ContactChannel.Phone : null,
            ContactChannel.WeChat when weChat => ContactChannel.WeChat,
            _ when sms => ContactChannel.Sms,
            _ when weChat => ContactChannel.WeChat,
            _ => null,
        };
    }

    /// <summary>The channel for an automatic message without a requested one: SMS when the customer prefers it, else WeChat (falling back to SMS).</summary>
    public static ContactChannel AutomaticChannel(CustomerContactProfile c) =>
        c.PreferredChannel == "sms" ? ContactChannel.Sms : ContactChannel.WeChat;

    private static string? Blocker(
        ContactFacts facts, ContactPurpose purpose, ContactChannel channel, DateTimeOffset at, TimeZoneInfo zone, IReadOnlyList<ContactWindow> windows, IReadOnlySet<DateOnly> dates)
    {
        var local = TimeZoneInfo.ConvertTime(at, zone);
        var date = DateOnly.FromDateTime(local.DateTime);
        var unasked = purpose != ContactPurpose.Service;
        if (unasked && facts.Customer.DoNotDisturbUntil is { } dnd && dnd > at)
        {
            return ContactReasons.DoNotDisturb;
        }

        if (unasked && dates.Contains(date))
        {
            return ContactReasons.Holiday;
        }

        if (!windows.Any(w => w.Contains(TimeOnly.FromDateTime(local.DateTime))))
        {
            return ContactReasons.QuietHours;
        }

        if (!unasked)
        {
            return null;
        }

        var counted = facts.Contacts.Where(c => c.Purpose != ContactPurpose.Service).Select(c => (c.Channel, Date: LocalDate(c.At, zone))).ToList();
        var calls = counted.Count(c => c.Channel == ContactChannel.Phone && c.Date == date);
        if (channel == ContactChannel.Phone && calls >= facts.Policy.CallAttemptsPerDay)
        {
            return ContactReasons.CallAttemptCap;
        }

        // Call attempts of one day are one contact: a retry after "no answer" is not a second contact.
        if (channel == ContactChannel.Phone && calls > 0)
        {
            return null;
        }

        if (Contacts(counted, d => d == date) >= facts.Policy.UnsolicitedPerDay)
        {
            return ContactReasons.DailyCap;
        }

        var week = WeekStart(date);
        return Contacts(counted, d => d >= week && d < week.AddDays(7)) >= facts.Policy.UnsolicitedPerWeek ? ContactReasons.WeeklyCap : null;
    }

    /// <summary>Messages count one each; a day's call attempts count one together.</summary>
    private static int Contacts(List<(ContactChannel Channel, DateOnly Date)> counted, Func<DateOnly, bool> inWindow) =>
        counted.Count(c => c.Channel != ContactChannel.Phone && inWindow(c.Date))
        + counted.Where(c => c.Channel == ContactChannel.Phone && inWindow(c.Date)).Select(c => c.Date).Distinct().Count();

    /// <summary>The first moment worth trying after <paramref name="at"/> was refused for <paramref name="reason"/>.</summary>
    private static DateTimeOffset Next(DateTimeOffset at, string reason, ContactFacts facts, TimeZoneInfo zone, IReadOnlyList<ContactWindow> windows)
    {
        var local = TimeZoneInfo.ConvertTime(at, zone);
        var date = DateOnly.FromDateTime(local.DateTime);
        var time = TimeOnly.FromDateTime(local.DateTime);
        switch (reason)
        {
            case ContactReasons.DoNotDisturb:
                return facts.Customer.DoNotDisturbUntil!.Value;
            case ContactReasons.QuietHours when windows.OrderBy(w => w.Start).FirstOrDefault(w => w.Start > time) is { } later:
                return At(date, later.Start, zone);
            case ContactReasons.WeeklyCap:
                return FirstWindow(WeekStart(date).AddDays(7), windows, zone);
            default:
                return FirstWindow(date.AddDays(1), windows, zone);
        }
    }

    private static DateTimeOffset FirstWindow(DateOnly date, IReadOnlyList<ContactWindow> windows, TimeZoneInfo zone) =>
        At(date, windows.Count == 0 ? TimeOnly.MinValue : windows.Min(w => w.Start), zone);

    private static DateTimeOffset At(DateOnly date, TimeOnly time, TimeZoneInfo zone)
    {
        var local = date.ToDateTime(time);
        return new DateTimeOffset(local, zone.GetUtcOffset(local)).ToUniversalTime();
    }

    public static DateOnly LocalDate(DateTimeOffset at, TimeZoneInfo zone) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(at, zone).DateTime);

    public static DateOnly WeekStart(DateOnly date) => date.AddDays(-(((int)date.DayOfWeek + 6) % 7));

    private static ContactDecision Dropped(string reason) => new(false, null, null, reason);
}
