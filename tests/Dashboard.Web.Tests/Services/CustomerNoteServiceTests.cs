using System.Security.Claims;
using Dashboard.Core.Billing;
using Dashboard.Infrastructure.Data;
using Dashboard.Testing;
using Dashboard.Web.Auth;
using Dashboard.Web.Services.Audit;
using Dashboard.Web.Services.Customers;
using Dashboard.Web.Tests.Auth;
using Dashboard.Web.Tests.Services.Audit;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Web.Tests.Services;

/// <summary>
/// Notes on a customer, decided in <see cref="CustomerNoteService"/> itself: everyone who reads sees them, owners and
/// admins add and delete them (audited), viewers change nothing.
/// </summary>
public sealed class CustomerNoteServiceTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 15, 0, 0, TimeSpan.Zero);
    private TestDatabase database = null!;
    private ServiceProvider audit = null!;
    private long customer;

    public async Task InitializeAsync()
    {
        database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        audit = AuditTestServices.Build(database, new FixedTimeProvider(Now));
        var data = new BillingBuilder();
        var a = data.Customer("a");
        data.Subscribe(a, data.Plan("basic", 1_000), Now.AddDays(-30), canceledAt: Now.AddDays(-2));
        await using var context = database.CreateContext();
        await data.SaveAsync(context);
        customer = a.Id;
        var reason = new CancellationReason { Text = "Too expensive" };
        context.CancellationReasons.Add(reason);
        await context.SaveChangesAsync();
        context.CancellationEvents.Add(new CancellationEvent { CustomerId = a.Id, ReasonId = reason.Id, Comment = "moving to a cheaper tool", OccurredAt = Now.AddDays(-2) });
        await context.SaveChangesAsync();
    }

    public async Task DisposeAsync()
    {
        await audit.DisposeAsync();
        await database.DisposeAsync();
    }

    [Fact]
    public async Task An_admin_adds_and_deletes_dated_notes_and_both_are_audited()
    {
        var service = Service(TestUsers.InRole(DashboardRoles.Admin));
        Assert.True(await service.CanEditAsync());

        var added = await service.AddAsync(customer, new DateOnly(2026, 11, 20), "  Asked for an annual invoice ", CancellationToken.None);
        var second = await service.AddAsync(customer, new DateOnly(2026, 11, 21), "Sent it", CancellationToken.None);

        Assert.True(added.Succeeded);
        Assert.Equal(("Asked for an annual invoice", "admin@example.com", Now), (added.Note!.Text, added.Note.Author, added.Note.CreatedAt));
        Assert.Equal(["Sent it", "Asked for an annual invoice"], (await service.NotesAsync(customer, CancellationToken.None)).Select(n => n.Text));

        Assert.True(await service.DeleteAsync(customer, added.Note.Id, CancellationToken.None));
        Assert.False(await service.DeleteAsync(customer, added.Note.Id, CancellationToken.None));
        Assert.Equal([second.Note!.Id], (await service.NotesAsync(customer, CancellationToken.None)).Select(n => n.Id));

        var log = audit.GetRequiredService<IAuditLog>();
        var entries = (await log.AllAsync()).Where(e => e.Action.StartsWith("customer_note.", StringComparison.Ordinal)).ToList();
        Assert.Equal(["customer_note.deleted", "customer_note.added", "customer_note.added"], entries.Select(e => e.Action));
        Assert.All(entries, e => Assert.Equal("admin@example.com", e.Actor));
        Assert.Equal($"customer {customer} note {added.Note.Id} (2026-11-20)", entries[0].Target);
    }

    [Fact]
    public async Task A_viewer_sees_notes_but_can_neither_add_nor_delete_them()
    {
        var note = (await Service(TestUsers.InRole(DashboardRoles.Owner)).AddAsync(customer, new DateOnly(2026, 11, 20), "Kept", CancellationToken.None)).Note!;
        var viewer = Service(TestUsers.InRole(DashboardRoles.Viewer));

        Assert.False(await viewer.CanEditAsync());
        var refused = await Assert.ThrowsAsync<AccessDeniedException>(() => viewer.AddAsync(customer, new DateOnly(2026, 11, 21), "Mine", CancellationToken.None));
        await Assert.ThrowsAsync<AccessDeniedException>(() => viewer.DeleteAsync(customer, note.Id, CancellationToken.None));

        Assert.Equal("Your role may not add notes to customers; ask an owner or admin.", refused.Message);
        Assert.Equal(["Kept"], (await viewer.NotesAsync(customer, CancellationToken.None)).Select(n => n.Text));
        Assert.DoesNotContain(await audit.GetRequiredService<IAuditLog>().AllAsync(), e => e.Actor == "viewer@example.com");
    }

    [Fact]
    public async Task A_note_needs_a_date_a_text_and_a_customer()
    {
        var service = Service(TestUsers.InRole(DashboardRoles.Admin));

        var empty = await service.AddAsync(customer, null, " ", CancellationToken.None);
        var unknown = await service.AddAsync(987_654, new DateOnly(2026, 11, 20), "Lost", CancellationToken.None);
        var tooLong = await service.AddAsync(customer, new DateOnly(2026, 11, 20), new string('x', CustomerNoteService.MaxTextLength + 1), CancellationToken.None);

        Assert.Equal(["date", "text"], empty.Errors.Keys.Order());
        Assert.Equal(["customer"], unknown.Errors.Keys);
        Assert.Equal(["text"], tooLong.Errors.Keys);
        Assert.Empty(await service.NotesAsync(customer, CancellationToken.None));
    }

    [Fact]
    public async Task Cancellation_reasons_come_with_their_text()
    {
        var reasons = await Service(TestUsers.InRole(DashboardRoles.Viewer)).CancellationsAsync(customer, CancellationToken.None);

        var reason = Assert.Single(reasons);
        Assert.Equal(("Too expensive", "moving to a cheaper tool", Now.AddDays(-2)), (reason.Reason, reason.Comment, reason.OccurredAt));
    }

    private CustomerNoteService Service(ClaimsPrincipal user)
    {
        var caller = new AuditCaller(new HttpContextAccessor { HttpContext = new DefaultHttpContext { User = user } }, audit, audit.GetRequiredService<IAuditLog>());
        return new CustomerNoteService(database.CreateFactory(), TestUsers.Guard(user), caller, new FixedTimeProvider(Now));
    }
}
