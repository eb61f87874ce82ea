using Dashboard.Core.Billing;
using Dashboard.Infrastructure.Data;
using Dashboard.Infrastructure.Import;
using Dashboard.Infrastructure.Import.Operations;
using Dashboard.Web.Api.Infrastructure;
using Dashboard.Web.Api.Keys;
using Microsoft.AspNetCore.Mvc;

namespace Dashboard.Web.Api.Charges;

/// <summary>Charge writes: POST (upsert on oid), DELETE /{oid} (takes its refunds).</summary>
public static class ChargeWriteEndpoints
{
    public static void MapChargeWrites(this RouteGroupBuilder perSource)
    {
        var group = perSource.MapGroup("/charges").WithTags("Charges").RequireAuthorization(ApiKeyAuthentication.WritePolicy);
        group.MapPost("/", CreateAsync)
            .Accepts<ChargeRequest>("application/json")
            .Produces<ChargeEnvelope>(StatusCodes.Status201Created)
            .Produces<ChargeEnvelope>()
            .ProducesValidationProblem()
            .ProducesValidationProblem(StatusCodes.Status404NotFound);
        group.MapDelete("/{oid}", DeleteAsync)
            .Produces<ChargeEnvelope>()
            .ProducesValidationProblem(StatusCodes.Status404NotFound);
    }

    private static async Task<IResult> CreateAsync(
        [FromRoute(Name = "source_id")] string sourceId, HttpRequest request, DashboardDbContext db, BillingImporter importer,
        CancellationToken cancellationToken)
    {
        var (source, problem) = await SourceRoute.FindAsync(db, sourceId, cancellationToken);
        if (source is null)
        {
            return problem!;
        }

        var (body, bodyProblem) = await ApiBody.ReadAsync<ChargeRequest>(request, cancellationToken);
        if (body is null)
        {
            return bodyProblem!;
        }

        var errors = new FieldErrors();
        var oid = OidRules.Resolve(null, body.Oid, errors);
        errors.Required("customer_oid", body.CustomerOid);
        errors.Required("amount", body.Amount);
        errors.NonNegative("amount", body.Amount);
        errors.NonNegative("fee", body.Fee);
        errors.Currency("currency", body.Currency);
        errors.Required("created", body.Created);
        var status = errors.Enum<ChargeStatus>("status", body.Status);
        var kind = errors.Enum<ChargeKind>("kind", body.Kind, required: false);
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var operation = new ChargeImport
        {
            Oid = oid,
            CustomerOid = body.CustomerOid,
            SubscriptionOid = string.IsNullOrWhiteSpace(body.SubscriptionOid) ? null : body.SubscriptionOid,
            Amount = body.Amount,
            Fee = body.Fee,
            Currency = body.Currency,
            Created = body.Created,
            Status = status,
            Kind = kind,
        };
        var (item, importProblem) = await ImportCall.RunAsync(importer, source.Id, operation, cancellationToken);
        if (item is null)
        {
            return importProblem!;
        }

        var charge = await ChargeReads.FindAsync(db, source.Id, item.Oid, cancellationToken);
        return ImportCall.Written(item, new ChargeEnvelope(charge!));
    }

    private static async Task<IResult> DeleteAsync(
        [FromRoute(Name = "source_id")] string sourceId, string oid, DashboardDbContext db, BillingImporter importer, CancellationToken cancellationToken)
    {
        var (source, problem) = await SourceRoute.FindAsync(db, sourceId, cancellationToken);
        if (source is null)
        {
            return problem!;
        }

        var charge = await ChargeReads.FindAsync(db, source.Id, oid, cancellationToken);
        if (charge is null)
        {
            return ApiProblems.NotFound("oid", $"no charge '{oid}' in source {source.Id}");
        }

        var (item, importProblem) = await ImportCall.RunAsync(
            importer, source.Id, new Deletion { Target = ImportObjectKind.Charge, Oid = oid }, cancellationToken);
        return item is null ? importProblem! : ApiJson.Ok(new ChargeEnvelope(charge));
    }
}
