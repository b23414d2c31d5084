using SkiaSharp;

namespace CareLoop.Platform.Files;

/// <summary>A photo made safe to keep: upright, at most <see cref="MaxSide"/> pixels, no metadata, plus a thumbnail.</summary>
public sealed record SanitizedImage(byte[] Jpeg, byte[] Thumbnail, int Width, int Height);

/// <summary>
/// Re-encodes uploaded photos. Decoding and encoding again drops every metadata block (EXIF GPS positions of a
/// customer's home, camera serials) by construction; the EXIF orientation is applied first so the picture stays upright.
/// </summary>
public static class ImageSanitizer
{
    public const int MaxSide = 2560;
    public const int ThumbnailSide = 320;

    /// <summary>Null when the bytes are not an image Skia can decode.</summary>
    public static SanitizedImage? Sanitize(Stream content)
    {
        using var data = SKData.Create(content);
        using var codec = data is null ? null : SKCodec.Create(data);
        if (codec is null)
        {
            return null;
        }

        using var decoded = SKBitmap.Decode(codec);
        if (decoded is null)
        {
            return null;
        }

        using var upright = Orient(decoded, codec.EncodedOrigin);
        using var full = Resize(upright, MaxSide);
        using var thumbnail = Resize(upright, ThumbnailSide);
        return new SanitizedImage(Encode(full, 85), Encode(thumbnail, 75), full.Width, full.Height);
    }

    private static byte[] Encode(SKBitmap bitmap, int quality)
    {
        using var image = SKImage.FromBitmap(bitmap);
        using var encoded = image.Encode(SKEncodedImageFormat.Jpeg, quality);
        return encoded.ToArray();
    }

    private static SKBitmap Resize(SKBitmap source, int maxSide)
    {
        var scale = Math.Min(1.0, (double)maxSide / Math.Max(source.Width, source.Height));
        var info = new SKImageInfo(Math.Max(1, (int)(source.Width * scale)), Math.Max(1, (int)(source.Height * scale)), SKColorType.Rgba8888, SKAlphaType.Premul);
        return source.Resize(info, new SKSamplingOptions(SKFilterMode.Linear, SKMipmapMode.Linear)) ?? source.Copy();
    }

    private static SKBitmap Orient(SKBitmap source, SKEncodedOrigin origin)
    {
        if (origin is SKEncodedOrigin.TopLeft or SKEncodedOrigin.Default)
        {
            return source.Copy();
        }

        var swap = origin is SKEncodedOrigin.LeftTop or SKEncodedOrigin.RightTop or SKEncodedOrigin.RightBottom or SKEncodedOrigin.LeftBottom;
        var rotated = new SKBitmap(swap ? source.Height : source.Width, swap ? source.Width : source.Height);
        using var canvas = new SKCanvas(rotated);
        var (w, h) = (source.Width, source.Height);
        switch (origin)
        {
            case SKEncodedOrigin.TopRight: // mirrored
                canvas.Translate(w, 0);
                canvas.Scale(-1, 1);
                break;
            case SKEncodedOrigin.BottomRight: // upside down
                canvas.Translate(w, h);
                canvas.RotateDegrees(180);
                break;
            case SKEncodedOrigin.BottomLeft: // flipped
                canvas.Translate(0, h);
                canvas.Scale(1, -1);
                break;
            case SKEncodedOrigin.LeftTop: // transposed
                canvas.Translate(h, 0);
                canvas.Scale(-1, 1);
                canvas.Translate(h, 0);
                canvas.RotateDegrees(90);
                break;
            case SKEncodedOrigin.RightTop: // turned left: rotate clockwise
                canvas.Translate(h, 0);
                canvas.RotateDegrees(90);
                break;
            case SKEncodedOrigin.RightBottom: // transversed
                canvas.Translate(h, 0);
                canvas.Scale(-1, 1);
                canvas.Translate(0, w);
                canvas.RotateDegrees(-90);
                break;
            case SKEncodedOrigin.LeftBottom: // turned right: rotate anticlockwise
                canvas.Translate(0, w);
                canvas.RotateDegrees(-90);
                break;
        }

        using var image = SKImage.FromBitmap(source);
        canvas.DrawImage(image, 0, 0, new SKSamplingOptions(SKFilterMode.Nearest), null);
        return rotated;
    }
}
