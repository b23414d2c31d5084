using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CareLoop.Platform.Files;

public static class FilesExtensions
{
    /// <summary>Uploads: a local directory by default (<c>Files:Root</c>), one <see cref="FileIntake"/> per scope.</summary>
    public static IServiceCollection AddCareLoopFiles(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        var root = configuration["Files:Root"] is { Length: > 0 } configured
            ? Path.GetFullPath(configured, environment.ContentRootPath)
            : Path.Combine(environment.ContentRootPath, "data", "files");
        services.AddSingleton<IFileStore>(new LocalFileStore(root));
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
