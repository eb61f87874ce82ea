using Dashboard.Infrastructure.Sources.Stripe.Api;
using Dashboard.Infrastructure.Sources.Stripe.Sync;

namespace Dashboard.Infrastructure.Sources.Stripe.Events;

/// <summary>credit_note.created / updated / voided re-read the note, so a voided note removes its refund.</summary>
internal sealed class CreditNoteEventHandler(IStripeClient client, StripeObjectImporter importer) : IStripeEventHandler
{
    public IReadOnlyCollection<string> EventTypes { get; } = ["credit_note.created", "credit_note.updated", "credit_note.voided"];

    public async Task HandleAsync(StripeSyncScope scope, StripeEvent stripeEvent, CancellationToken cancellationToken)
    {
        var id = stripeEvent.ObjectId!;
        var note = await client.GetAsync<StripeCreditNote>(scope.Connection, $"v1/credit_notes/{Uri.EscapeDataString(id)}", null, cancellationToken);
        await importer.ImportCreditNotesAsync(scope, [note], cancellationToken);
    }
}
