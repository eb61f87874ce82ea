using Dashboard.Core.Billing;

namespace Dashboard.Infrastructure.Import.Operations;

/// <summary>Creates or replaces a charge. Kind defaults to recurring with a subscription and one-time without.</summary>
public sealed record ChargeImport : ImportOperation
{
    public string? CustomerOid { get; init; }
    public string? SubscriptionOid { get; init; }
    public long? Amount { get; init; }
    public long? Fee { get; init; }
    public string? Currency { get; init; }
    public DateTimeOffset? Created { get; init; }
    public ChargeStatus? Status { get; init; }
    public ChargeKind? Kind { get; init; }

    public override ImportObjectKind ObjectKind => ImportObjectKind.Charge;
}

/// <summary>Creates or replaces a refund (or a lost dispute) of a paid charge; all of a charge's refunds and disputes together may not exceed it.</summary>
public sealed record RefundImport : ImportOperation
{
    public string? ChargeOid { get; init; }
    public long? Amount { get; init; }
    public string? Currency { get; init; }
    /// <summary>When the money went back; for a dispute, when it was lost.</summary>
    public DateTimeOffset? Created { get; init; }

    /// <summary>A refund when omitted; <see cref="RefundKind.Dispute"/> for a dispute lost (counted in <c>disputes</c>).</summary>
    public RefundKind? Kind { get; init; }

    public override ImportObjectKind ObjectKind => ImportObjectKind.Refund;
}
