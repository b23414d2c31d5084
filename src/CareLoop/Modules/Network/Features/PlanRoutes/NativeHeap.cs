using System.Runtime.InteropServices;

namespace CareLoop.Modules.Network.Features.PlanRoutes;

/// <summary>
/// OR-Tools' local search allocates and frees large blocks at a high rate. With glibc's defaults every free at the
/// top of the heap returned memory to the kernel (and large blocks were unmapped), and the next allocation faulted
/// it back in: on the benchmark instance 70 % of the search's CPU was system time (page faults). Keeping up to
/// 32 MB of freed memory in the process removes that (system time 7 s → 0.1 s of a 10 s search). Process-wide,
/// once, Linux only; elsewhere a no-op. See docs/adr/0017-day-route-optimisation.md.
/// </summary>
internal static partial class NativeHeap
{
    private const int TrimThresholdOption = -1; // M_TRIM_THRESHOLD in <malloc.h>
    private const int MmapThresholdOption = -3; // M_MMAP_THRESHOLD
    private const int KeepBytes = 32 * 1024 * 1024; // also glibc's largest mmap threshold on 64-bit

    private static readonly Lazy<bool> Tuned = new(Tune);

    /// <summary>True when glibc accepted the setting.</summary>
    public static bool EnsureTuned() => Tuned.Value;

    private static bool Tune()
    {
        if (!OperatingSystem.IsLinux())
        {
            return false;
        }

        try
        {
            // Setting the trim threshold freezes glibc's mmap threshold at 128 KB, and blocks above it are mapped and
            // unmapped on every allocation: raise it too, so large blocks are reused from the heap.
            return Mallopt(TrimThresholdOption, KeepBytes) == 1 && Mallopt(MmapThresholdOption, KeepBytes) == 1;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return false; // not glibc (musl's allocator has no such option)
        }
    }

    [DllImport("libc", EntryPoint = "mallopt")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int Mallopt(int option, int value);
}
