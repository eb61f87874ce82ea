using System.Text.Json;
using System.Text.Json.Nodes;

namespace Dashboard.Web.Tests.Api;

/// <summary>The JSON types Baremetrics' description gives its members; <c>Maybe*</c> allow null.</summary>
public enum Json
{
    String,
    Integer,
    Number,
    Bool,
    Object,
    Array,
    Null,
    MaybeString,
    MaybeInteger,
    MaybeNumber,
    MaybeObject,
}

/// <summary>Asserts that an answer carries the members a Baremetrics client reads, with the types it expects.</summary>
public static class ContractShape
{
    public static JsonObject Has(JsonNode? node, params (string Member, Json Type)[] members)
    {
        Assert.NotNull(node);
        var obj = Assert.IsType<JsonObject>(node);
        foreach (var (member, type) in members)
        {
            Assert.True(obj.ContainsKey(member), $"'{member}' is missing from {obj.ToJsonString()}");
            var value = obj[member];
            Assert.True(Is(value, type), $"'{member}' should be {type} in {obj.ToJsonString()}");
        }

        return obj;
    }

    public static (string, Json)[] Plan => [
        ("oid", Json.String), ("source_id", Json.String), ("source", Json.String), ("name", Json.String), ("interval", Json.String),
        ("interval_count", Json.Integer), ("trial_duration", Json.MaybeInteger), ("trial_duration_unit", Json.MaybeString),
        ("created", Json.MaybeInteger), ("active", Json.Bool), ("setup_fees", Json.Integer), ("amounts", Json.Array),
    ];

    public static (string, Json)[] Amount => [("currency", Json.String), ("symbol", Json.String), ("symbol_right", Json.Bool), ("amount", Json.Integer)];

    public static (string, Json)[] CustomerBrief => [
        ("oid", Json.String), ("source_id", Json.String), ("source", Json.String), ("created", Json.Integer), ("email", Json.MaybeString),
        ("name", Json.MaybeString), ("display_image", Json.MaybeString), ("display_name", Json.String), ("notes", Json.MaybeString),
        ("ltv", Json.MaybeInteger),
    ];

    public static (string, Json)[] Customer => [
        .. CustomerBrief, ("is_active", Json.Bool), ("is_canceled", Json.Bool), ("current_mrr", Json.Integer), ("current_plans", Json.Array),
    ];

    public static void PlanShape(JsonNode? plan)
    {
        var obj = Has(plan, Plan);
        Assert.NotEmpty(obj["amounts"]!.AsArray());
        foreach (var amount in obj["amounts"]!.AsArray())
        {
            Has(amount, Amount);
        }
    }

    private static bool Is(JsonNode? value, Json type) => type switch
    {
        Json.Null => value is null,
        Json.MaybeString => value is null || Is(value, Json.String),
        Json.MaybeInteger => value is null || Is(value, Json.Integer),
        Json.MaybeNumber => value is null || Is(value, Json.Number),
        Json.MaybeObject => value is null || value is JsonObject,
        Json.Object => value is JsonObject,
        Json.Array => value is JsonArray,
        Json.String => value is JsonValue v && v.GetValueKind() == JsonValueKind.String,
        Json.Bool => value is JsonValue b && b.GetValueKind() is JsonValueKind.True or JsonValueKind.False,
        Json.Number => value is JsonValue n && n.GetValueKind() == JsonValueKind.Number,
        Json.Integer => value is JsonValue i && i.GetValueKind() == JsonValueKind.Number && i.ToJsonString().All(c => char.IsAsciiDigit(c) || c == '-'),
        _ => false,
    };
}
