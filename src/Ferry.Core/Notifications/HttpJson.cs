using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Ferry.Core.Storage;

namespace Ferry.Core.Notifications;

/// <summary>The one HTTP call the Slack, PagerDuty and webhook channels make: POST a JSON body, fail on a non-2xx answer.</summary>
internal static class HttpJson
{
    public static async Task PostAsync(HttpClient http, string url, JsonObject body, CancellationToken cancellationToken)
    {
        using var response = await http.PostAsJsonAsync(url, body, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            throw new HttpRequestException(
                $"HTTP {(int)response.StatusCode} {response.ReasonPhrase}: {SecretRedactor.Redact(text.Length > 200 ? text[..200] : text)}", null, response.StatusCode);
        }
    }
}
