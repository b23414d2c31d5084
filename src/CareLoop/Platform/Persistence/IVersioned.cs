namespace CareLoop.Platform.Persistence;

/// <summary>
/// An aggregate with an app-managed optimistic concurrency token. <see cref="CareLoopDbContext"/> increments
/// <see cref="Version"/> on every update and EF adds <c>WHERE Version = @original</c>, on both providers.
/// </summary>
public interface IVersioned
{
    long Version { get; set; }
}
