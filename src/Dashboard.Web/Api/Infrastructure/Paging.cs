using System.Globalization;
using Dashboard.Web.Services;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Dashboard.Web.Api.Infrastructure;

/// <summary>
/// A list request's page and page size as Baremetrics counts them: <c>page</c> from 0 (the first page), <c>per_page</c>
/// 1 to 200 (default 30). Anything else is a 400 naming the parameter, so an offset can never overflow.
/// </summary>
public sealed record Paging(int Page, int PerPage)
{
    public const string PageName = "page";
    public const string PerPageName = "per_page";
    public const int DefaultPerPage = 30;
    public const int MaxPerPage = 200;

    /// <summary>The last page a request may ask for; with <see cref="MaxPerPage"/> the offset stays far below int.MaxValue.</summary>
    public const int MaxPage = 1_000_000;

    public int Skip => Page * PerPage;

    /// <summary>Reads <c>page</c> (0 to <see cref="MaxPage"/>) and <c>per_page</c> (1 to <see cref="MaxPerPage"/>).</summary>
    public static Paging? From(HttpRequest request, FieldErrors errors)
    {
        var page = ReadInt(request, PageName, 0, 0, MaxPage, errors);
        var perPage = ReadInt(request, PerPageName, DefaultPerPage, 1, MaxPerPage, errors);
        return page is null || perPage is null ? null : new Paging(page.Value, perPage.Value);
    }

    /// <summary>
    /// A list endpoint's whole answer: reads page and per_page (a problem naming them when bad), takes that page of
    /// <paramref name="ordered"/> and wraps it with <paramref name="respond"/>.
    /// </summary>
    public static async Task<Results<ApiOk<TResponse>, InvalidProblem>> ListAsync<T, TResponse>(HttpRequest request, IQueryable<T> ordered,
        Func<List<T>, PaginationMeta, TResponse> respond, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var paging = From(request, errors);
        if (paging is null)
        {
            return errors.ToProblem();
        }

        var (items, meta) = await paging.ApplyAsync(ordered, cancellationToken);
        return new ApiOk<TResponse>(respond(items, meta));
    }

    /// <summary>Takes one page from a query ordered by the caller; reads one row more to know whether there are more.</summary>
    public async Task<(List<T> Items, PaginationMeta Meta)> ApplyAsync<T>(
        IQueryable<T> ordered, CancellationToken cancellationToken)
    {
        var rows = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.ToListAsync(
            ordered.Skip(Skip).Take(PerPage + 1), cancellationToken);
        var hasMore = rows.Count > PerPage;
        if (hasMore)
        {
            rows.RemoveAt(rows.Count - 1);
        }

        return (rows, new PaginationMeta(new Pagination(Page, PerPage, hasMore)));
    }

    private static int? ReadInt(HttpRequest request, string name, int fallback, int min, int max, FieldErrors errors)
    {
        var values = request.Query[name];
        if (values.Count > 1)
        {
            errors.Add(name, "must be given once");
            return null;
        }

        var text = values.ToString();
        if (string.IsNullOrEmpty(text))
        {
            return fallback;
        }

        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max)
        {
            return value;
        }

        errors.Add(name, string.Create(CultureInfo.InvariantCulture, $"must be an integer from {min} to {max}"));
        return null;
    }
}

public sealed record Pagination(int Page, int PerPage, bool HasMore);

public sealed record PaginationMeta(Pagination Pagination);
