using CareLoop.Platform.Persistence;
using CareLoop.Platform.Tenancy;

namespace CareLoop.Modules.Callbacks.Domain;

/// <summary>The retry policy read from a tenant's settings: how many unreachable calls, over how long.</summary>
public sealed record CallbackPolicy(int MaxAttempts, TimeSpan RetryWindow)
{
    /// <summary>Tries spread evenly over the window: 3 attempts over 48 h call at 0, 24 h and 48 h.</summary>
    public TimeSpan RetrySpacing => MaxAttempts <= 1 ? RetryWindow : RetryWindow / (MaxAttempts - 1);
}

/// <summary>
/// A tenant's callback policy: the deadline after completion, the unreachable retry schedule, how long a survey link
/// lives, and the share of each agent's confirmed callbacks a supervisor re-checks.
/// </summary>
public sealed class CallbackSettings : ITenantOwned, IVersioned
{
    private CallbackSettings()
    {
    }

    public Guid Id { get; private set; }

    public Guid TenantId { get; private set; }

    public int DueHours { get; private set; } = 24;

    public int MaxAttempts { get; private set; } = 3;

    public int RetryWindowHours { get; private set; } = 48;

    public int SurveyValidHours { get; private set; } = 72;

    public int QualitySamplePercent { get; private set; } = 10;

    public long Version { get; set; }

    public CallbackPolicy Policy => new(MaxAttempts, TimeSpan.FromHours(RetryWindowHours));

    public static CallbackSettings Defaults(Guid tenantId) => new() { Id = tenantId, TenantId = tenantId };

    public void Update(int dueHours, int maxAttempts, int retryWindowHours, int surveyValidHours, int qualitySamplePercent)
    {
        DueHours = dueHours;
        MaxAttempts = maxAttempts;
        RetryWindowHours = retryWindowHours;
        SurveyValidHours = surveyValidHours;
        QualitySamplePercent = qualitySamplePercent;
    }
}
