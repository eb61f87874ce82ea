using Dashboard.Infrastructure.Sources.Stripe.Api;
using Dashboard.Infrastructure.Sources.Stripe.Sync;
using Sdk = Stripe;

namespace Dashboard.Infrastructure.Sources.Stripe.Events;

/// <summary>credit_note.created / updated / voided re-read the note, so a voided note removes its refund.</summary>
internal sealed class CreditNoteEventHandler(IStripeApi api, StripeObjectImporter importer) : IStripeEventHandler
{
    public IReadOnlyCollection<string> EventTypes { get; } = ["credit_note.created", "credit_note.updated", "credit_note.voided"];

    public async Task HandleAsync(StripeSyncScope scope, Sdk.Event stripeEvent, CancellationToken cancellationToken)
    {
        var note = await api.Client(scope.Connection).V1.CreditNotes.GetAsync(stripeEvent.ObjectId!, null, null, cancellationToken);
        await importer.ImportCreditNotesAsync(scope, [note], cancellationToken);
    }
}
