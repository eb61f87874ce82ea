using Dashboard.Web.Api.ChartNotes;

namespace Dashboard.Web.Api.Account;

/// <summary>
/// <c>GET /account</c> as Baremetrics shapes it. This is a single-company install: <c>id</c> is always "default",
/// <c>company</c> null (not stored), <c>created_at</c> when the first source was added (null without sources).
/// </summary>
public sealed record AccountDto(string Id, string? Company, CurrencyDto DefaultCurrency, DateTimeOffset? CreatedAt);

/// <summary>The reporting currency, with the members of Baremetrics' currency object we can state.</summary>
public sealed record CurrencyDto(string Id, string IsoCode, string Symbol, bool SymbolFirst, int SubunitToUnit, string DecimalMark, string ThousandsSeparator);

public sealed record AccountEnvelope(AccountDto Account);

public sealed record UserEnvelope(UserDto User);

public sealed record UserList(IReadOnlyList<UserDto> Users);
