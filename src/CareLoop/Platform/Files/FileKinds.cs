namespace CareLoop.Platform.Files;

/// <summary>
/// What a file really is, read from its first bytes ("magic numbers"), so a renamed executable is not accepted
/// as an invoice because the client said <c>image/jpeg</c>.
/// </summary>
public static class FileKinds
{
    public const string Jpeg = "image/jpeg";
    public const string Png = "image/png";
    public const string Webp = "image/webp";
    public const string Heic = "image/heic";
    public const string Pdf = "application/pdf";
    public const string Xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    public const string Csv = "text/csv";

    /// <summary>Photos of paper invoices and e-invoices (增值税电子普通发票 are PDFs).</summary>
    public static readonly IReadOnlySet<string> ImagesAndPdf = new HashSet<string> { Jpeg, Png, Webp, Heic, Pdf };

    /// <summary>Spreadsheets a user may import: XLSX, or CSV (UTF-8 text).</summary>
    public static readonly IReadOnlySet<string> Sheets = new HashSet<string> { Xlsx, Csv };

    /// <summary>Bytes needed by <see cref="Detect"/>.</summary>
    public const int HeaderLength = 16;

    public static string? Detect(ReadOnlySpan<byte> header)
    {
        if (header.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF]))
        {
            return Jpeg;
        }

        if (header.StartsWith((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))
        {
            return Png;
        }

        if (header.Length >= 12 && header.StartsWith("RIFF"u8) && header.Slice(8, 4).SequenceEqual("WEBP"u8))
        {
            return Webp;
        }

        if (header.Length >= 12 && header.Slice(4, 4).SequenceEqual("ftyp"u8) &&
            (header.Slice(8, 4).SequenceEqual("heic"u8) || header.Slice(8, 4).SequenceEqual("heix"u8) || header.Slice(8, 4).SequenceEqual("mif1"u8)))
        {
            return Heic;
        }

        if (header.StartsWith("%PDF-"u8))
        {
            return Pdf;
        }

        // XLSX is a ZIP container; the importer opens it and rejects anything that is not a workbook.
        if (header.StartsWith((ReadOnlySpan<byte>)[0x50, 0x4B, 0x03, 0x04]))
        {
            return Xlsx;
        }

        // No magic number: text, if there is no NUL byte (CSV, the one text type accepted anywhere).
        return header.Length > 0 && !header.Contains((byte)0) ? Csv : null;
    }
}
