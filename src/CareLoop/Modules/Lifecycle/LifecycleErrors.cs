namespace CareLoop.Modules.Lifecycle;

/// <summary>The Lifecycle module's error codes (stable API contract; localized as <c>Field.{code}</c> and <c>Problem.{code}.*</c>).</summary>
public static class LifecycleErrors
{
    public const string UnknownConsumable = "unknown_consumable";
    public const string UnknownPlaceholder = "unknown_placeholder";
    public const string ContactRefused = "contact_refused";
    public const string EntryClosed = "entry_closed";
    public const string TemplateKeyTaken = "template_key_taken";
    public const string UnknownAgent = "unknown_agent";
}
