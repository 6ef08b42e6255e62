using MongoDB.Bson;

namespace Ferry.Core.Plans;

/// <summary>
/// Functional checks (the guide's "test user authentication / assessment creation"): a query with an expected count
/// or a document its first match must contain, or an HTTP GET with an expected status. Read-only, so a dry run runs them too.
/// </summary>
internal static class PlanSmoke
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(30) };

    public static async Task<PlanStepOutcome> CheckAsync(PlanStepContext context, PlanStep step, CancellationToken cancellationToken)
    {
        if (step.Url is { } url)
        {
            if (context.Options.LogHooksInsteadOfRunning)
            {
                return PlanStepOutcome.Ok($"rehearsal: GET {url} not run (it would reach the real endpoint)");
            }

            try
            {
                using var response = await Http.GetAsync(new Uri(url), cancellationToken).ConfigureAwait(false);
                var status = (int)response.StatusCode;
                return new PlanStepOutcome(status == step.ExpectedStatus, $"GET {url}: {status}{(status == step.ExpectedStatus ? string.Empty : $", expected {step.ExpectedStatus}")}");
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
            {
                return PlanStepOutcome.Failed($"GET {url}: {e.Message}");
            }
        }

        var collection = context.DatabaseOf(step).GetCollection(step.Collection!);
        var where = $"{collection.Database.Name}.{step.Collection} {step.Filter.ToJson()}";
        if (step.ExpectedCount is { } expected)
        {
            var count = await collection.CountAsync(step.Filter, cancellationToken).ConfigureAwait(false);
            return new PlanStepOutcome(count == expected, $"{where}: {count} document(s){(count == expected ? string.Empty : $", expected {expected}")}");
        }

        var found = await collection.FindOneAsync(step.Filter, null, cancellationToken).ConfigureAwait(false);
        if (found is null)
        {
            return PlanStepOutcome.Failed($"{where}: no document matches");
        }

        var differing = step.ExpectedMatch!.Where(e => !found.TryGetValue(e.Name, out var value) || !value.Equals(e.Value)).Select(e => e.Name).ToList();
        return differing.Count == 0
            ? PlanStepOutcome.Ok($"{where}: the first match holds {step.ExpectedMatch!.ToJson()}")
            : PlanStepOutcome.Failed($"{where}: the first match differs in {string.Join(", ", differing)}");
    }
}
