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

/// <summary>Creates or replaces a refund of a paid charge; all refunds of a charge together may not exceed it.</summary>
public sealed record RefundImport : ImportOperation
{
    public string? ChargeOid { get; init; }
    public long? Amount { get; init; }
    public string? Currency { get; init; }
    public DateTimeOffset? Created { get; init; }

    public override ImportObjectKind ObjectKind => ImportObjectKind.Refund;
}
