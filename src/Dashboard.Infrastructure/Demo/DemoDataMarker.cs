namespace Dashboard.Infrastructure.Demo;

/// <summary>
/// The setting that records that an owner removed the demo data, so the first-run seeding never brings it back into
/// a store that is empty only because the demo was removed.
/// </summary>
public static class DemoDataMarker
{
    /// <summary>Settings key; its value is the UTC instant of the removal (round-trip format).</summary>
    public const string RemovedAtSettingKey = "Demo:RemovedAt";
}
