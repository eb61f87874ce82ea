using Dashboard.Core.Billing;
using Dashboard.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Web.Api.Infrastructure;

/// <summary>
/// Finds a customer across sources: by oid (source_id required only when two sources share that oid), else by email.
/// On failure <see cref="Error"/> says why, against <see cref="Field"/>.
/// </summary>
public sealed record CustomerMatch(Customer? Customer, string Field, string? Error)
{
    public static async Task<CustomerMatch> FindAsync(
        DashboardDbContext db, string? oid, long? sourceId, string? email, CancellationToken cancellationToken)
    {
        if (!string.IsNullOrWhiteSpace(oid))
        {
            var query = db.Customers.AsNoTracking().Where(c => c.ExternalId == oid);
            if (sourceId is not null)
            {
                query = query.Where(c => c.SourceId == sourceId);
            }

            var matches = await query.Take(2).ToListAsync(cancellationToken);
            if (matches.Count == 1)
            {
                return new CustomerMatch(matches[0], "customer_oid", null);
            }

            if (matches.Count > 1)
            {
                return new CustomerMatch(null, "source_id", $"is required: more than one source has a customer '{oid}'");
            }

            if (string.IsNullOrWhiteSpace(email))
            {
                return new CustomerMatch(null, "customer_oid", sourceId is null
                    ? $"no customer has the oid '{oid}'"
                    : $"no customer has the oid '{oid}' in source {sourceId}");
            }
        }

        if (string.IsNullOrWhiteSpace(email))
        {
            return new CustomerMatch(null, "customer_oid", "is required (or customer_email)");
        }

        var normalized = email.Trim().ToLowerInvariant();
        var byEmail = db.Customers.AsNoTracking().Where(c => c.Email != null && c.Email.ToLower() == normalized);
        if (sourceId is not null)
        {
            byEmail = byEmail.Where(c => c.SourceId == sourceId);
        }

        var found = await byEmail.OrderBy(c => c.Id).Take(2).ToListAsync(cancellationToken);
        return found.Count switch
        {
            1 => new CustomerMatch(found[0], "customer_email", null),
            0 => new CustomerMatch(null, "customer_email", $"no customer has the email '{email}'"),
            _ => new CustomerMatch(null, "customer_email", $"more than one customer has the email '{email}'; send customer_oid and source_id"),
        };
    }
}
