using PdfSharp.Fonts;

namespace PortailFamille.Web.Features.Billing;

/// <summary>
/// The font of the billing PDFs, shipped with the portal (DejaVu Sans, see Fonts/LICENSE-DejaVu.txt):
/// a server has no fonts PDFsharp could find on its own, and the PDF must look the same on every
/// server. Every family name the documents ask for gets DejaVu Sans, regular or bold.
/// </summary>
internal sealed class BillingFonts : IFontResolver
{
    public const string Family = "DejaVu Sans";

    private const string Regular = "DejaVuSans";
    private const string Bold = "DejaVuSans-Bold";

    private static readonly Lock Gate = new();

    /// <summary>
    /// Installs the resolver once per process: PDFsharp keeps one for the whole process and
    /// refuses a second one once fonts are in use.
    /// </summary>
    public static void EnsureInstalled()
    {
        lock (Gate)
        {
            if (GlobalFontSettings.FontResolver is not BillingFonts)
            {
                GlobalFontSettings.FontResolver = new BillingFonts();
            }
        }
    }

    public FontResolverInfo? ResolveTypeface(string familyName, bool isBold, bool isItalic) =>
        new(isBold ? Bold : Regular);

    public byte[]? GetFont(string faceName)
    {
        var assembly = typeof(BillingFonts).Assembly;
        var resource = assembly.GetManifestResourceNames().SingleOrDefault(n => n.EndsWith("." + faceName + ".ttf", StringComparison.Ordinal));
        if (resource is null)
        {
            return null;
        }

        using var stream = assembly.GetManifestResourceStream(resource)!;
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
