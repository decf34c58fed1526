using PdfSharp.Drawing;
using PdfSharp.Pdf;
using PortailFamille.Domain.Billing;
using PortailFamille.Web.Infrastructure.Municipality;

namespace PortailFamille.Web.Features.Billing;

/// <summary>
/// Writes the portal's PDF documents (invoices, credit notes, attendance sheets) on A4 pages top
/// to bottom, in the billing font, starting a new page when one is full and numbering the pages.
/// </summary>
internal sealed class PdfWriter : IDisposable
{
    private const double Margin = 40;
    private const double PageWidth = 595; // A4 in points
    private const double PageHeight = 842;
    private const double Bottom = PageHeight - Margin - 24; // room for the footer
    private const double Width = PageWidth - (2 * Margin);

    // Columns of the lines: activity and unit, kind, days, unit price, amount.
    private static readonly double[] Columns = [200, 135, 40, 70, 70];

    private readonly PdfDocument _document = new();
    private readonly XFont _regular;
    private readonly XFont _bold;
    private readonly XFont _small;
    private readonly XFont _heading;
    private readonly byte[]? _logo;
    private XGraphics _graphics = null!;
    private double _y;

    public PdfWriter(string title, byte[]? logo)
    {
        BillingFonts.EnsureInstalled();
        _document.Info.Title = title;
        _document.Language = "fr-FR";
        _regular = new XFont(BillingFonts.Family, 9.5, XFontStyleEx.Regular);
        _bold = new XFont(BillingFonts.Family, 9.5, XFontStyleEx.Bold);
        _small = new XFont(BillingFonts.Family, 8, XFontStyleEx.Regular);
        _heading = new XFont(BillingFonts.Family, 16, XFontStyleEx.Bold);
        _logo = logo;
        NewPage();
    }

    public void Header(MunicipalityOptions commune, string kind, IReadOnlyList<string> facts)
    {
        var left = Margin;
        if (_logo is not null)
        {
            using var stream = new MemoryStream(_logo);
            using var image = XImage.FromStream(stream);
            var height = 50.0;
            var width = Math.Min(120, image.PointWidth * height / image.PointHeight);
            _graphics.DrawImage(image, Margin, _y, width, height);
            left += width + 10;
        }

        var y = _y;
        foreach (var (text, font) in new (string, XFont)[]
        {
            (commune.Name, _bold),
            (commune.ServiceName, _regular),
            (commune.AddressLine, _regular),
            (Join(" – ", Prefix("Tél. ", commune.Phone), commune.Email), _regular),
            (Prefix("SIRET : ", commune.Siret), _regular),
        })
        {
            if (text.Length > 0)
            {
                _graphics.DrawString(Fit(text, font, 280), font, XBrushes.Black, new XRect(left, y, 280, 14), XStringFormats.TopLeft);
                y += 13;
            }
        }

        var right = PageWidth - Margin - 200;
        var factsY = _y;
        _graphics.DrawString(kind, _heading, XBrushes.Black, new XRect(right, factsY, 200, 20), XStringFormats.TopRight);
        factsY += 22;
        foreach (var fact in facts)
        {
            _graphics.DrawString(fact, _regular, XBrushes.Black, new XRect(right, factsY, 200, 14), XStringFormats.TopRight);
            factsY += 13;
        }

        _y = Math.Max(Math.Max(y, factsY), _y + 60) + 16;
    }

    public void Recipient(string name, string address)
    {
        var x = PageWidth - Margin - 240;
        _graphics.DrawString(Fit(name, _bold, 240), _bold, XBrushes.Black, new XRect(x, _y, 240, 14), XStringFormats.TopLeft);
        _y += 13;
        foreach (var line in address.Split(['\n', '\r'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            foreach (var wrapped in Wrap(line, _regular, 240))
            {
                _graphics.DrawString(wrapped, _regular, XBrushes.Black, new XRect(x, _y, 240, 14), XStringFormats.TopLeft);
                _y += 13;
            }
        }

        _y += 20;
    }

    public void TableHeader()
    {
        Room(20);
        _graphics.DrawRectangle(XBrushes.LightGray, Margin, _y - 2, Width, 16);
        Row(_bold, ["Activité – unité", "Type", "Jours", "Prix unitaire", "Montant"]);
    }

    public void ChildRow(string child)
    {
        if (Room(32))
        {
            TableHeader();
        }

        _y += 4;
        _graphics.DrawString(Fit(child, _bold, Width), _bold, XBrushes.Black, new XRect(Margin, _y, Width, 14), XStringFormats.TopLeft);
        _y += 15;
    }

    public void LineRow(string activity, string kind, string days, string unitPrice, string amount)
    {
        if (Room(15))
        {
            TableHeader();
        }

        Row(_regular, [activity, kind, days, unitPrice, amount]);
    }

    public void Amount(string label, decimal amount, bool bold = false)
    {
        Room(15);
        var font = bold ? _bold : _regular;
        var x = PageWidth - Margin - 260;
        _graphics.DrawString(label, font, XBrushes.Black, new XRect(x, _y, 170, 14), XStringFormats.TopLeft);
        _graphics.DrawString(Money.Euros(amount), font, XBrushes.Black, new XRect(x + 170, _y, 90, 14), XStringFormats.TopRight);
        _y += 15;
    }

    public void Title(string text)
    {
        Room(30);
        _graphics.DrawString(text, _bold, XBrushes.Black, new XRect(Margin, _y, Width, 14), XStringFormats.TopLeft);
        _y += 15;
    }

    public void Paragraph(string text)
    {
        foreach (var line in Wrap(text, _regular, Width))
        {
            Room(14);
            _graphics.DrawString(line, _regular, XBrushes.Black, new XRect(Margin, _y, Width, 14), XStringFormats.TopLeft);
            _y += 13;
        }
    }

    public void Space(double points) => _y += points;

    /// <summary>
    /// One entry of a list to tick by hand: a box (when asked), the title in bold and its
    /// details below, wrapped; an entry is never cut across two pages.
    /// </summary>
    public void Entry(string title, IReadOnlyList<string> details, bool box)
    {
        const double Indent = 20;
        var width = Width - Indent;
        var lines = details.SelectMany(d => Wrap(d, _regular, width)).ToList();
        Room(15 + (13 * lines.Count) + 8);
        if (box)
        {
            _graphics.DrawRectangle(XPens.Black, Margin + 1, _y + 1, 11, 11);
        }

        _graphics.DrawString(Fit(title, _bold, width), _bold, XBrushes.Black, new XRect(Margin + Indent, _y, width, 14), XStringFormats.TopLeft);
        _y += 15;
        foreach (var line in lines)
        {
            _graphics.DrawString(line, _regular, XBrushes.Black, new XRect(Margin + Indent, _y, width, 14), XStringFormats.TopLeft);
            _y += 13;
        }

        _y += 3;
        _graphics.DrawLine(XPens.LightGray, Margin, _y, Margin + Width, _y);
        _y += 5;
    }

    /// <summary>Numbers the pages, then returns the document's bytes.</summary>
    public byte[] Save(string footer)
    {
        _graphics.Dispose();
        var count = _document.PageCount;
        for (var i = 0; i < count; i++)
        {
            using var graphics = XGraphics.FromPdfPage(_document.Pages[i], XGraphicsPdfPageOptions.Append);
            graphics.DrawString($"{footer} – page {i + 1}/{count}", _small, XBrushes.Gray, new XRect(Margin, PageHeight - Margin - 10, Width, 12), XStringFormats.TopCenter);
        }

        using var output = new MemoryStream();
        _document.Save(output, closeStream: false);
        return output.ToArray();
    }

    public void Dispose() => _document.Dispose();

    private void Row(XFont font, string[] cells)
    {
        var x = Margin;
        for (var i = 0; i < cells.Length; i++)
        {
            var format = i >= 2 ? XStringFormats.TopRight : XStringFormats.TopLeft;
            var width = Columns[i] - 4;
            _graphics.DrawString(Fit(cells[i], font, width), font, XBrushes.Black, new XRect(i >= 2 ? x : x + 2, _y, width, 14), format);
            x += Columns[i];
        }

        _y += 15;
    }

    /// <summary>Starts a new page when <paramref name="height"/> no longer fits; true when it did.</summary>
    private bool Room(double height)
    {
        if (_y + height <= Bottom)
        {
            return false;
        }

        NewPage();
        return true;
    }

    private void NewPage()
    {
        _graphics?.Dispose();
        var page = _document.AddPage();
        page.Width = XUnit.FromPoint(PageWidth);
        page.Height = XUnit.FromPoint(PageHeight);
        _graphics = XGraphics.FromPdfPage(page);
        _y = Margin;
    }

    /// <summary>Shortens a text with "…" so it stays in its column.</summary>
    private string Fit(string text, XFont font, double width)
    {
        if (_graphics.MeasureString(text, font).Width <= width)
        {
            return text;
        }

        var cut = text.Length;
        while (cut > 1 && _graphics.MeasureString(text[..cut] + "…", font).Width > width)
        {
            cut--;
        }

        return text[..cut].TrimEnd() + "…";
    }

    private List<string> Wrap(string text, XFont font, double width)
    {
        var lines = new List<string>();
        foreach (var paragraph in text.Split('\n'))
        {
            var line = string.Empty;
            foreach (var word in paragraph.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                var candidate = line.Length == 0 ? word : line + " " + word;
                if (line.Length > 0 && _graphics.MeasureString(candidate, font).Width > width)
                {
                    lines.Add(line);
                    line = word;
                }
                else
                {
                    line = candidate;
                }
            }

            lines.Add(Fit(line, font, width));
        }

        return lines;
    }

    private static string Prefix(string prefix, string value) => string.IsNullOrWhiteSpace(value) ? string.Empty : prefix + value;

    private static string Join(string separator, params string[] parts) => string.Join(separator, parts.Where(p => !string.IsNullOrWhiteSpace(p)));
}
