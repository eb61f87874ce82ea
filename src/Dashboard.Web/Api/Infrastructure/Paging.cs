using System.Globalization;
using Dashboard.Web.Services;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Dashboard.Web.Api.Infrastructure;

/// <summary>A list request's page (from 1) and page size (default 30, at most 200).</summary>
public sealed record Paging(int Page, int PerPage)
{
    public const int DefaultPerPage = 30;
    public const int MaxPerPage = 200;

    public int Skip => (Page - 1) * PerPage;

    /// <summary>Reads <c>page</c> and <c>per_page</c>; a per_page over the maximum is capped.</summary>
    public static Paging? From(HttpRequest request, FieldErrors errors)
    {
        var page = ReadInt(request, "page", 1, errors);
        var perPage = ReadInt(request, "per_page", DefaultPerPage, errors);
        return page is null || perPage is null ? null : new Paging(page.Value, Math.Min(perPage.Value, MaxPerPage));
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

    private static int? ReadInt(HttpRequest request, string name, int fallback, FieldErrors errors)
    {
        var text = request.Query[name].ToString();
        if (string.IsNullOrEmpty(text))
        {
            return fallback;
        }

        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= 1)
        {
            return value;
        }

        errors.Add(name, "must be an integer >= 1");
        return null;
    }
}

public sealed record Pagination(int Page, int PerPage, bool HasMore);

public sealed record PaginationMeta(Pagination Pagination);
