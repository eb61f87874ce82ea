using System.Net;
using System.Text;
using MimeKit;

namespace Dashboard.Infrastructure.Exports;

/// <summary>
/// The email of an export: plain text and HTML bodies with the headline numbers, and the CSV attached. A digest also
/// says why a headline has no comparable period (<see cref="Headline.Reason"/>) and draws every bucket as bars.
/// </summary>
public static class ExportEmail
{
    public static MimeMessage Build(ExportFile file, string from, IReadOnlyList<string> to)
    {
        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(from));
        foreach (var address in to)
        {
            message.To.Add(MailboxAddress.Parse(address));
        }

        message.Subject = file.IsDigest ? $"{file.ExportName}: digest of {file.Day:yyyy-MM-dd}" : $"{file.ExportName}: {file.Day:yyyy-MM-dd}";
        var body = new BodyBuilder { TextBody = Text(file), HtmlBody = Html(file) };
        body.Attachments.Add(file.FileName, file.Content, new ContentType("text", "csv") { Charset = "utf-8" });
        message.Body = body.ToMessageBody();
        return message;
    }

    public static string Text(ExportFile file)
    {
        var text = new StringBuilder();
        text.Append(file.ExportName).Append(" (").Append(file.Day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)).Append(")\n\n");
        foreach (var headline in file.Table.Headlines)
        {
            text.Append(headline.Label).Append(": ").Append(headline.Value);
            if (headline.Change is { } change)
            {
                text.Append(" (").Append(change).Append(')');
            }

            text.Append('\n');
            if (file.IsDigest && headline.Reason is { } reason)
            {
                text.Append("  ").Append(reason).Append('\n');
            }
        }

        text.Append('\n').Append(file.Table.Rows.Count).Append(" rows in the attached ").Append(file.FileName).Append('\n');
        return text.ToString();
    }

    public static string Html(ExportFile file)
    {
        var html = new StringBuilder();
        html.Append("<html><body style=\"font-family:sans-serif\"><h2>").Append(Encode(file.ExportName)).Append("</h2>");
        html.Append("<table cellpadding=\"6\" style=\"border-collapse:collapse\">");
        foreach (var headline in file.Table.Headlines)
        {
            html.Append("<tr><td>").Append(Encode(headline.Label)).Append("</td><td style=\"font-weight:bold;text-align:right\">")
                .Append(Encode(headline.Value)).Append("</td><td style=\"color:#666\">").Append(Encode(headline.Change ?? string.Empty));
            if (file.IsDigest && headline.Reason is { } reason)
            {
                html.Append("<div data-reason style=\"font-size:12px\">").Append(Encode(reason)).Append("</div>");
            }

            html.Append("</td>");
            if (file.IsDigest)
            {
                html.Append("<td>");
                AppendBars(html, headline.Series ?? []);
                html.Append("</td>");
            }

            html.Append("</tr>");
        }

        html.Append("</table><p>").Append(file.Table.Rows.Count).Append(" rows in the attached ").Append(Encode(file.FileName)).Append(".</p></body></html>");
        return html.ToString();
    }

    /// <summary>
    /// The series as inline bars (one per bucket, oldest first) that every mail client shows without images: heights
    /// relative to the largest magnitude, negative values in red.
    /// </summary>
    public static void AppendBars(StringBuilder html, IReadOnlyList<decimal> series)
    {
        const int Tallest = 32;
        var largest = series.Count == 0 ? 0 : series.Max(Math.Abs);
        html.Append("<table cellpadding=\"0\" cellspacing=\"1\" role=\"img\" aria-label=\"trend\"><tr>");
        foreach (var value in series)
        {
            var height = largest == 0 ? 1 : Math.Max(1, (int)Math.Round(Math.Abs(value) / largest * Tallest));
            var colour = value < 0 ? "#d64545" : "#4a6cf7";
            html.Append("<td style=\"vertical-align:bottom;height:").Append(Tallest).Append("px\"><div data-bar style=\"width:6px;height:")
                .Append(height).Append("px;background:").Append(colour).Append("\"></div></td>");
        }

        html.Append("</tr></table>");
    }

    private static string Encode(string text) => WebUtility.HtmlEncode(text);
}
