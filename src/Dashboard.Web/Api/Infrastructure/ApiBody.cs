using System.Text.Json;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace Dashboard.Web.Api.Infrastructure;

/// <summary>
/// Reads a request body, JSON or form-encoded (see <see cref="FormBody"/>), with the API's conventions, enforcing the body
/// size limit. Failures come back as problem results naming the field (413 for a body over the limit, 400 for malformed
/// JSON or a value of the wrong type). Other media types were refused with 415 by <see cref="UnsupportedBodyFilter"/>.
/// </summary>
public static class ApiBody
{
    public static async Task<(T? Value, ApiProblem? Problem)> ReadAsync<T>(HttpRequest request, CancellationToken cancellationToken)
        where T : class
    {
        var limit = request.HttpContext.RequestServices.GetRequiredService<IOptions<ApiOptions>>().Value.MaxRequestBodyBytes;
        if (request.ContentLength > limit)
        {
            return (null, ApiProblems.TooLarge(limit));
        }

        var sizeFeature = request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>();
        if (sizeFeature is { IsReadOnly: false })
        {
            // Our own counting below is authoritative; keep the server from cutting the body off first.
            sizeFeature.MaxRequestBodySize = limit + 1;
        }

        byte[] bytes;
        try
        {
            bytes = await ReadLimitedAsync(request.Body, limit, cancellationToken);
        }
        catch (BodyTooLargeException)
        {
            return (null, ApiProblems.TooLarge(limit));
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return (null, ApiProblems.TooLarge(limit));
        }

        if (bytes.Length == 0 || bytes.All(b => b is (byte)' ' or (byte)'\n' or (byte)'\r' or (byte)'\t'))
        {
            return (null, ApiProblems.Validation("body", "is required (a JSON object or form fields)"));
        }

        var options = ApiJson.Options;
        if (BodyMediaType.Of(request) == BodyMediaType.Kind.Form)
        {
            bytes = FormBody.ToJson(bytes, out var badKey);
            if (badKey is not null)
            {
                return (null, ApiProblems.Validation(badKey, "is not a usable form field name"));
            }

            options = FormBody.Options;
        }

        try
        {
            var value = JsonSerializer.Deserialize<T>(bytes, options);
            if (value is IPartialRequest partial)
            {
                partial.Sent = SentFields.Of(bytes);
            }

            return value is null
                ? (null, ApiProblems.Validation("body", "must be a JSON object"))
                : (value, null);
        }
        catch (JsonException ex)
        {
            var isValueError = ex.Message.StartsWith("must", StringComparison.Ordinal)
                || ex.Message.StartsWith("The JSON value could not be converted", StringComparison.Ordinal);
            return (null, ApiProblems.Validation(isValueError ? FieldOf(ex.Path) : "body", MessageOf(ex)));
        }
    }

    /// <summary>"$.rates[0].date" -> "rates[0].date"; the whole body when the path is the root.</summary>
    internal static string FieldOf(string? path)
    {
        if (string.IsNullOrEmpty(path) || path == "$")
        {
            return "body";
        }

        return path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path.TrimStart('$');
    }

    private static string MessageOf(JsonException ex)
    {
        if (ex.Message.StartsWith("must", StringComparison.Ordinal))
        {
            return ex.Message;
        }

        if (ex.Message.StartsWith("The JSON value could not be converted", StringComparison.Ordinal))
        {
            return "has the wrong type or format";
        }

        var message = ex.Message;
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        return "is not valid JSON: " + (cut > 0 ? message[..cut] : message);
    }

    private static async Task<byte[]> ReadLimitedAsync(Stream body, long limit, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > limit)
            {
                throw new BodyTooLargeException();
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    private sealed class BodyTooLargeException : Exception;
}
