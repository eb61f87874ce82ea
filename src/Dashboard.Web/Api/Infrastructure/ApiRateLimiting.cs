using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Threading.RateLimiting;
using Dashboard.Web.Api.Keys;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace Dashboard.Web.Api.Infrastructure;

/// <summary>Per-key token buckets (<c>Api:RateLimit:PermitsPerSecond</c>, <c>Api:RateLimit:Burst</c>); 429 with Retry-After.</summary>
public static class ApiRateLimiting
{
    public const string Policy = "DashboardApiPerKey";

    /// <summary>
    /// The caller's key: its id once authenticated, else a hash of the bearer header (so the partition is per key whatever
    /// the middleware order), else the client address.
    /// </summary>
    public static string PartitionOf(HttpContext context)
    {
        if (ApiKeyAuthentication.KeyId(context.User) is { } keyId)
        {
            return "key:" + keyId;
        }

        string? header = context.Request.Headers.Authorization;
        return string.IsNullOrEmpty(header)
            ? "address:" + (context.Connection.RemoteIpAddress?.ToString() ?? "unknown")
            : "header:" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(header)));
    }

    public static void Configure(RateLimiterOptions options)
    {
        options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
        options.AddPolicy(Policy, context =>
        {
            var settings = context.RequestServices.GetRequiredService<IOptions<ApiOptions>>().Value.RateLimit;
            var perSecond = Math.Max(1, settings.PermitsPerSecond);
            var burst = Math.Max(perSecond, settings.Burst ?? perSecond * 2);
            var partition = PartitionOf(context);
            return RateLimitPartition.GetTokenBucketLimiter(partition, _ => new TokenBucketRateLimiterOptions
            {
                TokenLimit = burst,
                TokensPerPeriod = perSecond,
                ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                QueueLimit = 0,
                AutoReplenishment = true,
            });
        });
        options.OnRejected = async (context, cancellationToken) =>
        {
            var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) && wait > TimeSpan.Zero
                ? (int)Math.Ceiling(wait.TotalSeconds)
                : 1;
            var http = context.HttpContext;
            http.Response.Headers.RetryAfter = retryAfter.ToString(CultureInfo.InvariantCulture);
            await Results.Problem(
                    statusCode: StatusCodes.Status429TooManyRequests,
                    title: "Too many requests.",
                    detail: $"This API key exceeded its request rate; retry after {retryAfter} second(s).")
                .ExecuteAsync(http);
        };
    }
}
