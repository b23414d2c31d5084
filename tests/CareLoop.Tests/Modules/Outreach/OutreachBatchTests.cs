using CareLoop.Modules.Outreach.Contracts;
using CareLoop.Platform.Tenancy;
using CareLoop.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using static CareLoop.Tests.Modules.Customers.CustomerApi;
using static CareLoop.Tests.Modules.Outreach.OutreachApi;

namespace CareLoop.Tests.Modules.Outreach;

/// <summary>
/// <see cref="IOutreach.SendManyAsync"/> (the daily lifecycle run sends through it a chunk at a time) decides exactly as
/// one-by-one sends would: a message counts against the caps of the next one to the same customer, a key already
/// stored or given twice is a duplicate, and a bad message fails alone.
/// </summary>
public sealed class OutreachBatchTests
{
    [Theory, AllProviders]
    public async Task A_batch_counts_each_message_against_the_next_ones_caps_and_answers_duplicates_and_bad_messages_in_place(DatabaseKind kind)
    {
        var (app, _) = await StartAsync(kind, Local(2026, 11, 23, 10, 0)); // Monday morning
        await using var __ = app;
        using var admin = await app.ApiAsAsync("admin");
        await TemplatesAsync(admin);
        var li = Guid.Parse(await CustomerIdAsync(admin, Li));
        var zhang = Guid.Parse(await CustomerIdAsync(admin, Zhang));
        var earlier = await SendAsync(admin, li.ToString(), "reminder", "batch-earlier", channel: "sms");
        Assert.Equal("queued", Status(earlier));
        var parameters = new Dictionary<string, string> { ["customerName"] = "客户", ["items"] = "PP棉滤芯", ["dueDate"] = "2026-12-01", ["price"] = "99" };

        await using var scope = app.Services.GetRequiredService<TenantScopes>().For(await app.TenantIdAsync("demo-brand"));
        var outreach = scope.ServiceProvider.GetRequiredService<IOutreach>();
        var receipts = await outreach.SendManyAsync(
        [
            new OutreachMessage(li, ContactPurpose.Reminder, "filter-due", parameters, "batch-earlier", ContactChannel.Sms), // stored before
            new OutreachMessage(zhang, ContactPurpose.Reminder, "filter-due", parameters, "batch-zhang-1", ContactChannel.Sms),
            new OutreachMessage(zhang, ContactPurpose.Marketing, "promo", parameters, "batch-zhang-2", ContactChannel.Sms), // over today's cap
            new OutreachMessage(zhang, ContactPurpose.Reminder, "filter-due", parameters, "batch-zhang-1", ContactChannel.Sms), // same key again
            new OutreachMessage(Guid.NewGuid(), ContactPurpose.Reminder, "filter-due", parameters, "batch-nobody"),
            new OutreachMessage(li, ContactPurpose.Reminder, "no-such-template", parameters, "batch-bad-template"),
        ], CancellationToken.None);

        Assert.Equal(6, receipts.Count);
        Assert.True(receipts[0].Value!.Duplicate);
        Assert.Equal(earlier.GetProperty("messageId").GetGuid(), receipts[0].Value!.MessageId);
        Assert.Equal(("queued", false), (receipts[1].Value!.Status, receipts[1].Value!.Duplicate));
        Assert.Equal(("deferred", "dailyCap"), (receipts[2].Value!.Status, receipts[2].Value!.ReasonCode));
        Assert.Equal(Local(2026, 11, 24, 9, 0), receipts[2].Value!.DeferredUntil);
        Assert.True(receipts[3].Value!.Duplicate);
        Assert.Equal(receipts[1].Value!.MessageId, receipts[3].Value!.MessageId);
        Assert.False(receipts[4].IsSuccess);
        Assert.False(receipts[5].IsSuccess);

        // Sent one by one now, the same customer's next reminder meets the cap the batch stored.
        var after = await SendAsync(admin, zhang.ToString(), "reminder", "batch-zhang-3", channel: "sms");
        Assert.Equal("dailyCap", Reason(after));
    }
}
