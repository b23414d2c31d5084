using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CareLoop.Platform.Files;

public static class FilesExtensions
{
    public const string StoreKey = "Files:Store";

    /// <summary>
    /// Uploads: <c>Files:Store</c> = <c>Local</c> (default: a directory, <c>Files:Root</c>) or <c>S3</c> (an S3-compatible
    /// bucket, <c>Files:S3:*</c>, checked here so a misconfigured host fails at start, not at the first upload);
    /// one <see cref="FileIntake"/> per scope.
    /// </summary>
    public static IServiceCollection AddCareLoopFiles(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        var store = configuration[StoreKey];
        if (string.IsNullOrWhiteSpace(store) || string.Equals(store, "Local", StringComparison.OrdinalIgnoreCase))
        {
            var root = configuration["Files:Root"] is { Length: > 0 } configured
                ? Path.GetFullPath(configured, environment.ContentRootPath)
                : Path.Combine(environment.ContentRootPath, "data", "files");
            services.AddSingleton<IFileStore>(new LocalFileStore(root));
        }
        else if (string.Equals(store, "S3", StringComparison.OrdinalIgnoreCase))
        {
            var options = configuration.GetSection(S3FileStoreOptions.Section).Get<S3FileStoreOptions>() ?? new S3FileStoreOptions();
            var problems = options.Problems(environment);
            if (problems.Count > 0)
            {
                throw new InvalidOperationException($"{StoreKey} is S3 but the bucket settings are incomplete: " + string.Join(" ", problems));
            }

            services.AddSingleton(options);
            services.AddSingleton<IFileStore>(_ => new S3FileStore(options));
        }
        else
        {
            throw new InvalidOperationException($"{StoreKey} must be Local or S3, not '{store}'.");
        }

        services.AddScoped<FileIntake>();
        return services;
    }
}

internal sealed class StoredFileConfiguration : IEntityTypeConfiguration<StoredFile>
{
    public void Configure(EntityTypeBuilder<StoredFile> b)
    {
        b.ToTable("StoredFiles");
        b.HasKey(f => f.Id);
        b.Property(f => f.Purpose).HasMaxLength(32);
        b.Property(f => f.FileName).HasMaxLength(128);
        b.Property(f => f.ContentType).HasMaxLength(100);
        b.Property(f => f.Sha256).HasMaxLength(64);
        b.Property(f => f.StorageKey).HasMaxLength(200);
    }
}
