using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CareLoop.Platform.Persistence;

public static class ColumnConversions
{
    /// <summary>
    /// A short list of codes or tags read and written with its row, stored as one delimited text column on both
    /// providers (the separator must not occur in the values).
    /// </summary>
    public static PropertyBuilder<List<string>> HasDelimitedList(this PropertyBuilder<List<string>> property, char separator, int maxLength) =>
        property
            .HasConversion(
                v => string.Join(separator, v),
                v => v.Split(separator, StringSplitOptions.RemoveEmptyEntries).ToList(),
                new ValueComparer<List<string>>(
                    (x, y) => x!.SequenceEqual(y!),
                    v => string.Join(separator, v).GetHashCode(StringComparison.Ordinal),
                    v => v.ToList()))
            .HasMaxLength(maxLength);
}
