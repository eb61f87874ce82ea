using Dashboard.Core.Billing;
using Dashboard.Infrastructure.Import.Operations;

namespace Dashboard.Infrastructure.Import.Batches;

internal sealed partial class BatchPlanner
{
    private readonly List<Action> cancellationWrites = [];

    /// <summary>
    /// One cancellation event per subscription, keyed by (source, subscription external id) with a unique index: a
    /// repeated import finds the stored event and updates it, and of two concurrent imports the later insert collides
    /// and retries onto the winner's row. Events recorded through the API carry no key and are never touched here.
    /// Reasons are matched by their exact text and created when new, as the API does.
    /// </summary>
    private void PlanCancellationFeedback(int index, CancellationFeedbackImport operation)
    {
        var draft = FindDraft(operation.Oid!);
        if (draft is null)
        {
            Error(index, "oid", $"Subscription '{operation.Oid}' does not exist in source {SourceId}; import it first or in the same batch.", ImportErrorCode.NotFound);
            return;
        }

        var text = operation.Reason!.Trim();
        if (!snapshot.CancellationReasons.TryGetValue(text, out var reason))
        {
            var sortKey = snapshot.CancellationReasons.Count == 0 ? 10 : snapshot.CancellationReasons.Values.Max(r => r.SortKey) + 10;
            reason = new CancellationReason { Text = text, SortKey = sortKey };
            snapshot.CancellationReasons[text] = reason;
            db.CancellationReasons.Add(reason);
        }

        var isNew = !snapshot.CancellationEvents.TryGetValue(operation.Oid!, out var entry);
        entry ??= new CancellationEvent { SubscriptionExternalIds = operation.Oid, FeedbackSourceId = SourceId };
        var comment = Normalize.Text(operation.Comment);
        var occurredAt = Normalize.Instant(operation.OccurredAt!.Value);
        var unchanged = !isNew && entry.ReasonId == reason.Id && reason.Id != 0 && entry.Comment == comment &&
            entry.OccurredAt == occurredAt && entry.CustomerId == draft.Customer.Id;
        if (isNew)
        {
            snapshot.CancellationEvents[operation.Oid!] = entry;
        }

        var customer = draft.Customer;
        cancellationWrites.Add(() =>
        {
            entry.CustomerId = customer.Id;
            entry.ReasonId = reason.Id;
            entry.Comment = comment;
            entry.OccurredAt = occurredAt;
            if (isNew)
            {
                db.CancellationEvents.Add(entry);
            }
        });
        Record(index, isNew ? ImportOutcome.Created : unchanged ? ImportOutcome.Unchanged : ImportOutcome.Updated, () => entry.Id);
    }
}
