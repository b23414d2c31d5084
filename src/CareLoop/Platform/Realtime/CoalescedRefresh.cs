namespace CareLoop.Platform.Realtime;

/// <summary>
/// Turns a burst of change notices into at most one refresh per <paramref name="interval"/>: a feed page at a
/// Double-11 peak hears of dozens of orders a second and must not reload (and query) for each one.
/// A notice arriving while a refresh runs schedules the next one, so the last change is never missed.
/// </summary>
public sealed class CoalescedRefresh(Func<Task> refresh, TimeSpan interval, TimeProvider time)
{
    private int _scheduled;

    public Task OnNoticeAsync(ChangeNotice notice) =>
        Interlocked.Exchange(ref _scheduled, 1) == 1 ? Task.CompletedTask : RefreshSoonAsync();

    private async Task RefreshSoonAsync()
    {
        await Task.Delay(interval, time);
        Interlocked.Exchange(ref _scheduled, 0);
        await refresh();
    }
}
