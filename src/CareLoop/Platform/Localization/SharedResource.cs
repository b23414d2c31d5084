namespace CareLoop.Platform.Localization;

/// <summary>
/// Marker for the shared UI and error texts: <c>Resources/Platform/Localization/SharedResource.resx</c> is Simplified
/// Chinese (the default culture), <c>SharedResource.en.resx</c> English.
/// </summary>
public sealed class SharedResource;
