using CareLoop.Platform.Outbox;

namespace CareLoop.Tests.Domain;

public sealed class OutboxMessageTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 11, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Failures_back_off_exponentially_and_then_dead_letter()
    {
        var message = OutboxMessage.Create(Guid.NewGuid(), "Some.Event", "{}", Now);

        message.MarkFailed("boom", Now, maxAttempts: 3);
        var first = message.NextAttemptAt;
        message.MarkFailed("boom", Now, maxAttempts: 3);
        var second = message.NextAttemptAt;
        message.MarkFailed("boom", Now, maxAttempts: 3);

        Assert.Equal(Now.AddSeconds(1), first);
        Assert.Equal(Now.AddSeconds(2), second);
        Assert.Equal(OutboxState.Dead, message.State);
        Assert.Equal(3, message.Attempts);
    }

    [Fact]
    public void Only_a_dead_message_can_be_retried_and_retry_starts_a_fresh_round()
    {
        var message = OutboxMessage.Create(Guid.NewGuid(), "Some.Event", "{}", Now);
        Assert.False(message.Retry(Now));

        message.MarkFailed("boom", Now, maxAttempts: 1);
        Assert.True(message.Retry(Now.AddHours(1)));

        Assert.Equal(OutboxState.Pending, message.State);
        Assert.Equal(0, message.Attempts);
        Assert.Equal(Now.AddHours(1), message.NextAttemptAt);
    }

    [Fact]
    public void Backoff_is_capped_at_ten_minutes_and_long_errors_are_truncated()
    {
        var message = OutboxMessage.Create(Guid.NewGuid(), "Some.Event", "{}", Now);
        for (var i = 0; i < 20; i++)
        {
            message.MarkFailed(new string('x', 5000), Now, maxAttempts: 100);
        }

        Assert.Equal(Now.AddMinutes(10), message.NextAttemptAt);
        Assert.Equal(2000, message.LastError!.Length);
    }
}
