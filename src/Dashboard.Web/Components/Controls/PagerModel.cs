using System.Globalization;

namespace Dashboard.Web.Components.Controls;

/// <summary>A numbered page link of a <see cref="Pager"/>, or a gap ("…") between numbers when <see cref="Number"/> is null.</summary>
public sealed record PagerLink(int? Number, string? Href, bool Current);

/// <summary>
/// The pages of a list shown <see cref="PageSize"/> rows at a time, as the customer list pages its rows: the range
/// shown ("26–50 of 570 · page 2 of 23"), first, previous, the first and last page numbers and two either side of the
/// current one, next and last. <see cref="Page"/> is clamped to the pages there are.
/// </summary>
/// <param name="Total">Rows in the whole list.</param>
/// <param name="HrefFor">The address of a page by its number (from 1).</param>
public sealed record PagerModel(int Page, int PageSize, int Total, Func<int, string> HrefFor)
{
    /// <summary>How many pages the list has (at least 1).</summary>
    public int PageCount => Math.Max(1, (Total + PageSize - 1) / PageSize);

    /// <summary>The index of the page's first row in the whole list.</summary>
    public int Offset => (Page - 1) * PageSize;

    /// <summary>"26–50 of 570"; empty for an empty list.</summary>
    public string RangeText => Total == 0
        ? string.Empty
        : $"{Count(Offset + 1)}–{Count(Math.Min(Offset + PageSize, Total))} of {Count(Total)}";

    public string? FirstHref => Page > 1 ? HrefFor(1) : null;

    /// <summary>The page before; from an address past the last page, the last page.</summary>
    public string? PreviousHref => Page > 1 ? HrefFor(Math.Min(Page - 1, PageCount)) : null;

    public string? NextHref => Page < PageCount ? HrefFor(Page + 1) : null;

    public string? LastHref => Page < PageCount ? HrefFor(PageCount) : null;

    /// <summary>Pages 1 and <see cref="PageCount"/>, and those within two of the current one, with a gap for any hole.</summary>
    public IReadOnlyList<PagerLink> Links
    {
        get
        {
            var links = new List<PagerLink>();
            var previous = 0;
            for (var page = 1; page <= PageCount; page++)
            {
                if (page != 1 && page != PageCount && Math.Abs(page - Math.Min(Page, PageCount)) > 2)
                {
                    continue;
                }

                if (page - previous > 1)
                {
                    links.Add(new PagerLink(null, null, false));
                }

                links.Add(new PagerLink(page, HrefFor(page), page == Page));
                previous = page;
            }

            return links;
        }
    }

    /// <summary>The pager of <paramref name="total"/> rows at <paramref name="requested"/> (page 1 when absent, the last page when past it).</summary>
    public static PagerModel For(int? requested, int pageSize, int total, Func<int, string> hrefFor)
    {
        var pages = Math.Max(1, (total + pageSize - 1) / pageSize);
        return new PagerModel(Math.Clamp(requested ?? 1, 1, pages), pageSize, total, hrefFor);
    }

    /// <summary>This page's rows of the whole list.</summary>
    public IReadOnlyList<T> Slice<T>(IReadOnlyList<T> rows) => rows.Skip(Offset).Take(PageSize).ToList();

    private static string Count(int n) => n.ToString("#,0", CultureInfo.InvariantCulture);
}
