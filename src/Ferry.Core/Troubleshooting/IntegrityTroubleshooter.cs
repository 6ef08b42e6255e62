using Ferry.Core.Doctor;
using Ferry.Core.Storage;
using Ferry.Core.Validation.Rules;
using MongoDB.Bson;

namespace Ferry.Core.Troubleshooting;

/// <summary>
/// <c>ferry troubleshoot integrity</c>: the doctor's check (nothing written) summarised per kind and collection,
/// each with the command that repairs it (dry run first).
/// </summary>
public sealed class IntegrityTroubleshooter(IDocumentDatabase database, RuleSet rules, string rulesFile, TimeProvider? time = null)
{
    public async Task<TroubleshootReport> RunAsync(CancellationToken cancellationToken = default)
    {
        var report = await new IntegrityDoctor(new DoctorOptions { Time = time ?? TimeProvider.System }).RunAsync(database, rules, cancellationToken).ConfigureAwait(false);
        var groups = report.Findings.GroupBy(f => (f.Kind, f.Collection)).OrderBy(g => g.Key.Kind, StringComparer.Ordinal).ThenBy(g => g.Key.Collection, StringComparer.Ordinal).ToList();
        var fix = $"ferry doctor integrity --rules {rulesFile} --fix --dry-run, then without --dry-run";
        var findings = groups.Select(g => new TroubleFinding(
            g.Key.Kind,
            $"{g.Count():N0} {g.Key.Kind}(s) in {g.Key.Collection}, e.g. _id {g.First().Id}: {g.First().Detail}",
            g.Key.Kind switch
            {
                "duplicate" => fix + " (merges duplicates into the oldest, re-points references, quarantines the rest)",
                "orphan" => fix + " (quarantines orphans; ferry doctor restore-quarantine RUN puts them back)",
                _ => fix,
            })).ToList();
        var facts = new BsonDocument
        {
            { "rules", rulesFile },
            { "findings", report.FindingCount },
            { "by_kind", new BsonDocument(report.Findings.GroupBy(f => f.Kind).Select(g => new BsonElement(g.Key, (long)g.Count()))) },
        };
        return new TroubleshootReport("integrity", facts, findings, findings.Count == 0 ? ["nothing to repair"] : ["take a backup first (ferry backup create --tag before-repair), then run the fix commands"]);
    }
}
