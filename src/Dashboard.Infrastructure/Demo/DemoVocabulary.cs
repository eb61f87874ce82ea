namespace Dashboard.Infrastructure.Demo;

/// <summary>The word lists and weights the demo business is drawn from.</summary>
internal static class DemoVocabulary
{
    public static readonly string[] FirstNames =
    [
        "Olivia", "Liam", "Emma", "Noah", "Ava", "Oliver", "Sophia", "Elijah", "Isabella", "Lucas", "Mia", "Mateo",
        "Amelia", "Levi", "Harper", "Ethan", "Evelyn", "James", "Aria", "Benjamin", "Chloe", "Daniel", "Ella", "Henry",
        "Grace", "Jack", "Hannah", "Leo", "Zoe", "Samuel", "Nora", "David", "Lily", "Jonas", "Freya", "Hugo", "Clara",
        "Finn", "Sofia", "Matteo", "Ines", "Lukas", "Emily", "Arjun", "Priya", "Wei", "Mei", "Kenji", "Yuki", "Omar",
        "Layla", "Tomas", "Lucia", "Pedro", "Ana", "Sven", "Astrid", "Kwame", "Amara", "Rafael",
    ];

    public static readonly string[] LastNames =
    [
        "Smith", "Johnson", "Williams", "Brown", "Jones", "Garcia", "Miller", "Davis", "Rodriguez", "Martinez", "Lopez",
        "Wilson", "Anderson", "Thomas", "Taylor", "Moore", "Jackson", "Martin", "Lee", "Thompson", "White", "Harris",
        "Clark", "Lewis", "Walker", "Hall", "Young", "King", "Wright", "Scott", "Green", "Baker", "Adams", "Nelson",
        "Muller", "Schmidt", "Schneider", "Fischer", "Dubois", "Moreau", "Laurent", "Rossi", "Russo", "Bianchi",
        "Jansen", "de Vries", "Andersson", "Johansson", "Nielsen", "Kowalski", "Novak", "Silva", "Santos", "Patel",
        "Sharma", "Chen", "Wang", "Tanaka", "Sato", "Okafor",
    ];

    public static readonly string[] CompanyStems =
    [
        "Blue", "North", "Bright", "Clear", "Swift", "Iron", "Silver", "Green", "Red", "Summit", "Harbor", "Pine",
        "Cedar", "Atlas", "Nova", "Vector", "Pixel", "Quantum", "Orbit", "Signal", "Beacon", "Falcon", "Granite",
        "Maple", "River", "Stone", "Sun", "Wave", "Peak", "Prism", "Lumen", "Echo", "Crest", "Willow", "Copper",
        "Hex", "Arrow", "Bolt", "Cloud", "Delta",
    ];

    public static readonly string[] CompanyTails =
    [
        "Labs", "Analytics", "Studio", "Works", "Systems", "Digital", "Media", "Health", "Logistics", "Commerce",
        "Partners", "Software", "Ventures", "Collective", "Group", "Supply", "Learning", "Finance", "Designs", "Cloud",
        "Data", "Robotics", "Foods", "Travel", "Security",
    ];

    public static readonly string[] CompanySuffixes = ["", "", "", " Inc.", " LLC", " Ltd", " GmbH", " Co."];

    public static readonly string[] FreeMailDomains = ["gmail.com", "outlook.com", "yahoo.com", "icloud.com", "proton.me"];

    public static readonly (string Item, double Weight)[] Countries =
    [
        ("US", 42), ("GB", 9), ("CA", 6), ("DE", 7), ("FR", 4), ("NL", 3), ("AU", 5), ("SE", 2), ("ES", 2), ("IT", 2),
        ("IE", 1.5), ("IN", 4), ("BR", 3), ("SG", 1.5), ("JP", 1.5), ("MX", 1.5), ("ZA", 1), ("NZ", 1), ("CH", 1.5),
        ("PL", 1.5),
    ];

    public static readonly HashSet<string> EuroCountries = ["DE", "FR", "NL", "ES", "IT", "IE", "AT", "BE", "FI", "PT"];

    public static readonly (string Item, double Weight)[] UtmSources =
    [
        ("google", 30), ("direct", 18), ("facebook", 9), ("linkedin", 10), ("twitter", 5), ("newsletter", 8),
        ("partner", 7), ("producthunt", 4), ("bing", 3), ("referral", 6),
    ];

    public static readonly string[] CrmOwners = ["Alice Moreno", "Ben Okafor", "Chloe Nguyen", "Dmitri Ivanov", "Erin Walsh"];

    public static readonly (string Item, double Weight)[] Industries =
    [
        ("SaaS", 22), ("E-commerce", 16), ("Agency", 12), ("Healthcare", 7), ("Education", 8), ("Finance", 8),
        ("Media", 7), ("Nonprofit", 4), ("Manufacturing", 6), ("Real Estate", 5), ("Travel", 5),
    ];

    public static readonly (string Item, double Weight)[] CancellationReasons =
    [
        ("Too expensive", 24), ("Not using it enough", 22), ("Missing features", 16), ("Switched to a competitor", 12),
        ("Technical issues", 7), ("Business closed", 6), ("Only needed it for a project", 8), ("Other", 5),
    ];

    public static readonly string[] CancellationComments =
    [
        "We'll be back when the budget allows.",
        "Needed a Xero integration.",
        "The team moved to another tool.",
        "Great product, but we're winding down.",
        "Reports were too slow for us.",
        "Project finished, thanks!",
    ];

    /// <summary>Trial conversion and churn multipliers by acquisition channel, so segments differ visibly.</summary>
    public static (double Conversion, double Churn) ChannelFactors(string utmSource) => utmSource switch
    {
        "partner" => (1.35, 0.7),
        "referral" => (1.25, 0.8),
        "newsletter" => (1.15, 0.85),
        "linkedin" => (1.05, 0.9),
        "direct" => (1.1, 0.95),
        "google" => (1.0, 1.0),
        "bing" => (0.95, 1.05),
        "producthunt" => (0.75, 1.4),
        "twitter" => (0.8, 1.25),
        "facebook" => (0.7, 1.35),
        _ => (1.0, 1.0),
    };

    public static (string? Medium, string? Campaign) Campaign(string utmSource, DemoRandom random, int year) => utmSource switch
    {
        "google" or "bing" => random.Chance(0.55)
            ? ("cpc", random.Pick<string>(["brand_search", "competitor_keywords", "mrr_dashboard_search", $"q{random.Next(1, 5)}_search_{year}"]))
            : ("organic", null),
        "facebook" or "twitter" or "linkedin" => random.Chance(0.6)
            ? ("paid_social", random.Pick<string>([$"spring_promo_{year}", $"black_friday_{year}", "founder_story", "retargeting"]))
            : ("social", random.Chance(0.5) ? "launch_week" : null),
        "newsletter" => ("email", random.Pick<string>(["weekly_digest", "webinar_followup", $"product_update_{year}"])),
        "partner" => ("referral", random.Pick<string>(["agency_program", "accountant_partners", "marketplace_listing"])),
        "producthunt" => ("referral", "producthunt_launch"),
        "referral" => ("referral", random.Chance(0.7) ? "refer_a_friend" : null),
        _ => (null, null),
    };
}
