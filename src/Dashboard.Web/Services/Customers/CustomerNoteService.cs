using System.Globalization;
using Dashboard.Core.Billing;
using Dashboard.Infrastructure.Data;
using Dashboard.Web.Auth;
using Dashboard.Web.Services.Audit;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Web.Services.Customers;

/// <summary>The outcome of adding a note: the stored note, or the errors by field (<c>date</c>, <c>text</c>).</summary>
public sealed record CustomerNoteResult(CustomerNote? Note, IReadOnlyDictionary<string, string[]> Errors)
{
    public bool Succeeded => Note is not null;
}

/// <summary>A cancellation recorded for a customer, with its reason's text.</summary>
public sealed record CancellationRecord(DateTimeOffset OccurredAt, string Reason, string? Comment, string? SubscriptionExternalIds);

/// <summary>A dated change of one of the customer's attribute values, with its field's title and type.</summary>
public sealed record AttributeChangeRecord(
    DateTimeOffset ChangedAt, string FieldTitle, AttributeType FieldType, string? PreviousValue, string? NewValue, AttributeChangeOrigin? Origin);

/// <summary>
/// Notes on a customer (the <c>customer_notes</c> table), the customer's recorded cancellation reasons and attribute
/// changes (<c>customer_attribute_changes</c>), for the customer timeline. Everyone who can read sees the notes; adding and deleting need the
/// <see cref="DashboardPolicies.EditData"/> rule, checked here (otherwise <see cref="AccessDeniedException"/> and nothing
/// changes), and are written to the audit log.
/// </summary>
public sealed class CustomerNoteService(IDbContextFactory<DashboardDbContext> contexts, AccessGuard access, AuditCaller audit, TimeProvider clock)
{
    public const int MaxTextLength = 2000;

    /// <summary>The customer's notes, newest day first.</summary>
    public async Task<IReadOnlyList<CustomerNote>> NotesAsync(long customerId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.CustomerNotes.AsNoTracking().Where(n => n.CustomerId == customerId)
            .OrderByDescending(n => n.Date).ThenByDescending(n => n.Id).ToListAsync(cancellationToken);
    }

    /// <summary>The cancellation reasons recorded for the customer (by a connector's feedback or the API).</summary>
    public async Task<IReadOnlyList<CancellationRecord>> CancellationsAsync(long customerId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await db.CancellationEvents.AsNoTracking().Where(e => e.CustomerId == customerId)
            .Join(db.CancellationReasons, e => e.ReasonId, r => r.Id, (e, r) => new { e.Id, e.OccurredAt, r.Text, e.Comment, e.SubscriptionExternalIds })
            .ToListAsync(cancellationToken);
        return rows.OrderBy(r => r.OccurredAt).ThenBy(r => r.Id)
            .Select(r => new CancellationRecord(r.OccurredAt, r.Text, r.Comment, r.SubscriptionExternalIds)).ToList();
    }

    /// <summary>The customer's attribute changes, oldest first.</summary>
    public async Task<IReadOnlyList<AttributeChangeRecord>> AttributeChangesAsync(long customerId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await db.CustomerAttributeChanges.AsNoTracking().Where(c => c.CustomerId == customerId)
            .Join(db.AttributeFields, c => c.FieldId, f => f.Id, (c, f) => new { c.Id, c.ChangedAt, f.Title, f.Type, c.PreviousValue, c.NewValue, c.Origin })
            .ToListAsync(cancellationToken);
        return rows.OrderBy(r => r.ChangedAt).ThenBy(r => r.Id)
            .Select(r => new AttributeChangeRecord(r.ChangedAt, r.Title, r.Type, r.PreviousValue, r.NewValue, r.Origin)).ToList();
    }

    /// <summary>Whether the current user may add and delete notes (the page shows the form only then).</summary>
    public Task<bool> CanEditAsync() => access.AllowsAsync(DashboardPolicies.EditData);

    /// <summary>Adds a note dated <paramref name="date"/> to customer <paramref name="customerId"/>, signed with the user's email.</summary>
    public async Task<CustomerNoteResult> AddAsync(long customerId, DateOnly? date, string? text, CancellationToken cancellationToken)
    {
        await access.DemandAsync(DashboardPolicies.EditData, "add notes to customers");
        var errors = new FieldErrors();
        errors.Required("date", date);
        errors.Required("text", text);
        errors.MaxLength("text", text?.Trim(), MaxTextLength);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (!await db.Customers.AnyAsync(c => c.Id == customerId, cancellationToken))
        {
            errors.Add("customer", "does not exist");
        }

        if (errors.Any)
        {
            return new CustomerNoteResult(null, errors.ToDictionary());
        }

        var actor = await audit.CurrentAsync();
        var note = new CustomerNote { CustomerId = customerId, Date = date!.Value, Text = text!.Trim(), Author = actor.Name, CreatedAt = clock.GetUtcNow() };
        db.CustomerNotes.Add(note);
        await db.SaveChangesAsync(cancellationToken);
        await audit.RecordAsync(AuditActions.CustomerNoteAdded, Target(note), cancellationToken);
        return new CustomerNoteResult(note, errors.ToDictionary());
    }

    /// <summary>Deletes one of the customer's notes; false when there is no such note.</summary>
    public async Task<bool> DeleteAsync(long customerId, long noteId, CancellationToken cancellationToken)
    {
        await access.DemandAsync(DashboardPolicies.EditData, "delete notes on customers");
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var note = await db.CustomerNotes.FirstOrDefaultAsync(n => n.Id == noteId && n.CustomerId == customerId, cancellationToken);
        if (note is null)
        {
            return false;
        }

        db.CustomerNotes.Remove(note);
        await db.SaveChangesAsync(cancellationToken);
        await audit.RecordAsync(AuditActions.CustomerNoteDeleted, Target(note), cancellationToken);
        return true;
    }

    private static string Target(CustomerNote note) =>
        string.Create(CultureInfo.InvariantCulture, $"customer {note.CustomerId} note {note.Id} ({note.Date:yyyy-MM-dd})");
}
