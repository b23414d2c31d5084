namespace CareLoop.Modules.Lifecycle;

/// <summary>The Lifecycle module's error codes (stable API contract; localized as <c>Field.{code}</c> and <c>Problem.{code}.*</c>).</summary>
public static class LifecycleErrors
{
    public const string UnknownConsumable = "unknown_consumable";
    public const string ContactRefused = "contact_refused";
    public const string EntryClosed = "entry_closed";
    public const string UnknownAgent = "unknown_agent";

    /// <summary>A <c>lifecycle.*</c> template key that does not read <c>lifecycle.{reminder|warranty|tip}.{days}</c>.</summary>
    public const string TemplateKey = "lifecycle_template_key";

    /// <summary>A lifecycle template's day offset outside 1–365 (e.g. <c>lifecycle.tip.0</c>).</summary>
    public const string TemplateDays = "lifecycle_template_days";
}
