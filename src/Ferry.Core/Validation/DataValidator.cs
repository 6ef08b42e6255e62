using System.Diagnostics;
using Ferry.Core.Errors;
using Ferry.Core.Progress;
using Ferry.Core.Storage;
using Ferry.Core.Validation.Rules;
using Ferry.Query.Filters;
using MongoDB.Bson;

namespace Ferry.Core.Validation;

/// <summary>
/// Runs a <see cref="RuleSet"/> against a database: one streaming pass per collection evaluates field rules,
/// predicates, $jsonSchema, completeness, uniqueness (fingerprints of keys seen) and references (fingerprint sets of
/// the referenced fields, built first). Memory is bounded by the key sets, never by the documents.
/// </summary>
public sealed class DataValidator(ValidationOptions? options = null)
{
    private readonly ValidationOptions _options = options ?? new ValidationOptions();

    public async Task<ValidationReport> ValidateAsync(IDocumentDatabase db, RuleSet rules, CancellationToken cancellationToken = default)
    {
        var started = Stopwatch.StartNew();
        await CheckCollectionsExistAsync(db, rules, cancellationToken).ConfigureAwait(false);
        var references = await ReferenceKeySets.BuildAsync(db, rules.Collections.SelectMany(c => c.References), _options.BatchSize, cancellationToken).ConfigureAwait(false);

        // Collections are independent passes (each has its own checks and tallies; the key sets are only read), so
        // they run on all cores at once; the report keeps the rule file's order.
        var reports = new CollectionReport[rules.Collections.Count];
        await Parallel.ForEachAsync(
            Enumerable.Range(0, rules.Collections.Count),
            new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, Environment.ProcessorCount), CancellationToken = cancellationToken },
            async (i, token) => reports[i] = await ValidateCollectionAsync(db.GetCollection(rules.Collections[i].Name), rules.Collections[i], references, token).ConfigureAwait(false)).ConfigureAwait(false);

        return new ValidationReport(db.Name, reports, started.Elapsed, Process.GetCurrentProcess().PeakWorkingSet64);
    }

    internal static async Task CheckCollectionsExistAsync(IDocumentDatabase db, RuleSet rules, CancellationToken cancellationToken)
    {
        var existing = (await db.ListCollectionsAsync(cancellationToken).ConfigureAwait(false)).Select(c => c.Name).ToHashSet();
        foreach (var collection in rules.Collections)
        {
            if (!existing.Contains(collection.Name))
            {
                throw new UserInputException($"{collection.Location}: collection '{collection.Name}' does not exist in database '{db.Name}'");
            }

            foreach (var reference in collection.References.Where(r => !existing.Contains(r.TargetCollection)))
            {
                throw new UserInputException($"{reference.Location}: referenced collection '{reference.TargetCollection}' does not exist in database '{db.Name}'");
            }
        }
    }

    private async Task<CollectionReport> ValidateCollectionAsync(IDocumentCollection collection, CollectionRules rules, ReferenceKeySets references, CancellationToken cancellationToken)
    {
        var checks = new CollectionChecks(rules, references, _options);
        var total = await collection.EstimatedCountAsync(cancellationToken).ConfigureAwait(false);
        long seen = 0;
        long invalid = 0;
        await foreach (var raw in collection.ScanAsync(new ScanOptions { BatchSize = _options.BatchSize }, cancellationToken).ConfigureAwait(false))
        {
            BsonDocument document;
            using (raw)
            {
                document = raw.Materialize(new MongoDB.Bson.IO.BsonBinaryReaderSettings());
            }

            if (!checks.Check(document))
            {
                invalid++;
            }

            if (++seen % _options.BatchSize == 0)
            {
                _options.Progress?.Report(new ItemProgress(rules.Name, seen, total));
            }
        }

        _options.Progress?.Report(new ItemProgress(rules.Name, seen, Math.Max(seen, total)));
        return new CollectionReport(rules.Name, seen, invalid, checks.Results());
    }

    /// <summary>The compiled checks of one collection and their tallies.</summary>
    private sealed class CollectionChecks
    {
        private readonly List<(FieldRuleEvaluator Evaluator, RuleTally Tally)> _fields;
        private readonly List<(PredicateRule Rule, FilterMatcher Matcher, RuleTally Tally)> _predicates;
        private readonly List<(UniqueRule Rule, HashSet<UInt128> Seen, RuleTally Tally)> _unique;
        private readonly List<(ReferenceRule Rule, RuleTally Tally)> _references;
        private readonly List<(string Field, RuleTally Tally)> _complete;
        private readonly (JsonSchemaRule Rule, RuleTally Tally)? _schema;
        private readonly ReferenceKeySets _keySets;

        public CollectionChecks(CollectionRules rules, ReferenceKeySets keySets, ValidationOptions options)
        {
            var n = options.SampleSize;
            _keySets = keySets;
            _fields = rules.Fields.Select(f => (new FieldRuleEvaluator(f, options.Time), new RuleTally(f.Id, f.Name, f.Field, n))).ToList();
            _predicates = rules.Predicates.Select(p => (p, FilterMatcher.Compile(p.Filter), new RuleTally(p.Id, "predicate", null, n))).ToList();
            _unique = rules.Unique.Select(u => (u, new HashSet<UInt128>(), new RuleTally(u.Id, "unique", string.Join(",", u.Fields), n))).ToList();
            _references = rules.References.Select(r => (r, new RuleTally(r.Id, "reference", r.Field, n))).ToList();
            _complete = rules.Complete.Select(f => (f, new RuleTally($"{rules.Name}.{f}:complete", "complete", f, n))).ToList();
            _schema = rules.JsonSchema is { } s ? (s, new RuleTally(s.Id, "jsonSchema", null, n)) : null;
        }

        /// <summary>Runs every check on one document; false when any fails.</summary>
        public bool Check(BsonDocument document)
        {
            var id = document.GetValue("_id", BsonNull.Value);
            var valid = true;
            foreach (var (evaluator, tally) in _fields)
            {
                var value = Paths.Get(document, evaluator.Rule.Field);
                if (evaluator.Check(value) is { } reason)
                {
                    tally.Fail(id, value, reason);
                    valid = false;
                }
            }

            foreach (var (_, matcher, tally) in _predicates)
            {
                if (!matcher.Matches(document))
                {
                    tally.Fail(id, null, "does not match the filter");
                    valid = false;
                }
            }

            foreach (var (field, tally) in _complete)
            {
                if (Emptiness(Paths.Get(document, field)) is { } reason)
                {
                    tally.Fail(id, Paths.Get(document, field), reason);
                    valid = false;
                }
            }

            valid &= CheckUnique(document, id);
            valid &= CheckReferences(document, id);
            if (_schema is var (rule, schemaTally) && rule.Validator.Validate(document, 1) is [var violation, ..])
            {
                schemaTally.Fail(id, violation.Value, $"{violation.Path}: {violation.Keyword}: {violation.Reason}");
                valid = false;
            }

            return valid;
        }

        private bool CheckUnique(BsonDocument document, BsonValue id)
        {
            var valid = true;
            foreach (var (rule, seen, tally) in _unique)
            {
                var values = rule.Fields.Select(f => Paths.Get(document, f)).ToList();
                if (values.All(v => v is null))
                {
                    continue; // absent keys are the business of a 'required' rule
                }

                if (!seen.Add(KeyFingerprint.Of(values, rule.IgnoreCase)))
                {
                    tally.Fail(id, values.Count == 1 ? values[0] : new BsonArray(values.Select(v => v ?? BsonNull.Value)), "duplicate of an earlier document");
                    valid = false;
                }
            }

            return valid;
        }

        private bool CheckReferences(BsonDocument document, BsonValue id)
        {
            var valid = true;
            foreach (var (rule, tally) in _references)
            {
                var value = Paths.Get(document, rule.Field);
                string? reason = value switch
                {
                    null => null,
                    BsonNull => rule.AllowNull ? null : "null reference",
                    BsonArray array => array.FirstOrDefault(v => !_keySets.Contains(rule, v)) is { } missing ? $"no {rule.TargetCollection} with {rule.TargetField} {missing}" : null,
                    _ => _keySets.Contains(rule, value) ? null : $"no {rule.TargetCollection} with {rule.TargetField} {value}",
                };
                if (reason is not null)
                {
                    tally.Fail(id, value, reason);
                    valid = false;
                }
            }

            return valid;
        }

        private static string? Emptiness(BsonValue? value) => value switch
        {
            null => "missing",
            BsonNull => "null",
            BsonString s when string.IsNullOrWhiteSpace(s.Value) => "empty string",
            BsonDocument { ElementCount: 0 } => "empty object",
            BsonArray { Count: 0 } => "empty array",
            _ => null,
        };

        public IReadOnlyList<RuleResult> Results() =>
            _fields.Select(f => f.Tally)
                .Concat(_complete.Select(c => c.Tally))
                .Concat(_unique.Select(u => u.Tally))
                .Concat(_references.Select(r => r.Tally))
                .Concat(_predicates.Select(p => p.Tally))
                .Concat(_schema is { } s ? [s.Tally] : [])
                .Select(t => t.ToResult())
                .ToList();
    }
}
