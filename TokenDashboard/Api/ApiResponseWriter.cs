using System.Buffers;
using System.Text.Json;
using TokenDashboard.Tokens;

namespace TokenDashboard.Api;

/// <summary>
/// Writes an <see cref="ApiResult"/>: HTTP 200, JSON, never cached (answers may hold a token's value) — except
/// result 22, too many requests, which is HTTP 429 with Retry-After so that clients and proxies back off.
/// </summary>
internal static class ApiResponseWriter
{
    public static async Task WriteAsync(HttpResponse response, ApiResult result, TimeSpan? retryAfter = null)
    {
        if (result.Result == ResultCodes.TooManyRequests)
        {
            response.StatusCode = StatusCodes.Status429TooManyRequests;
            response.Headers.RetryAfter = ApiRateLimiting.Seconds(retryAfter ?? TimeSpan.FromSeconds(1));
        }
        else
        {
            response.StatusCode = StatusCodes.Status200OK;
        }
        response.Headers.CacheControl = "no-store";
        response.Headers.Pragma = "no-cache";
        response.Headers.XContentTypeOptions = "nosniff";
        response.ContentType = "application/json; charset=utf-8";

        var buffer = new ArrayBufferWriter<byte>(256);
        await using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = ApiJson.Options.Encoder }))
        {
            json.WriteStartObject();
            json.WriteNumber("result", result.Result);
            if (result.Error is not null)
            {
                json.WriteString("error", result.Error);
            }
            foreach (var (name, value) in result.Fields)
            {
                json.WritePropertyName(name);
                JsonSerializer.Serialize(json, value, value?.GetType() ?? typeof(object), ApiJson.Options);
            }
            json.WriteEndObject();
        }
        response.ContentLength = buffer.WrittenCount;
        await response.Body.WriteAsync(buffer.WrittenMemory);
    }
}
