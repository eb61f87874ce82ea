namespace Dashboard.Infrastructure.Demo.Simulation;

/// <summary>A change a paying customer makes to a subscription during one billing period.</summary>
internal enum SubscriptionChange
{
    None,
    Upgrade,
    Downgrade,
    SeatsUp,
    SeatsDown,
    AddPrioritySupport,
    AddStorage,
    AddSso,
    MoreStorage,
    RemoveAddOn,
    ToAnnual,
    SprintToStarter,
}
