namespace Ferry.Query.Tests.UpdateSemantics;

/// <summary>
/// A recorded case whose result is not MongoDB's: the reason, and what the test asserts instead (MongoDB's
/// behaviour), or <see cref="Skip"/> when the case cannot apply to <c>UpdateSpec</c> at all.
/// </summary>
internal sealed record KnownDifference(string Reason)
{
    /// <summary>Not applicable: the test is skipped with <see cref="Reason"/>.</summary>
    public bool Skip { get; init; }

    /// <summary>Replaces the case's update text (e.g. where the recording had to escape a key).</summary>
    public string? UpdateOverride { get; init; }

    /// <summary>MongoDB's outcome, when it differs from the recording.</summary>
    public CaseCheck? Check { get; init; }

    public string? Expected { get; init; }

    /// <summary>MongoDB's error code, asserted when <see cref="Check"/> is an error.</summary>
    public int? Code { get; init; }
}

/// <summary>
/// The one place listing where the recorded DocumentDB results disagree with MongoDB (or cannot apply), each with the
/// reason. Sources: MongoDB's update operator documentation and server behaviour (src/mongo/db/update).
/// </summary>
internal static class KnownDifferences
{
    private static readonly Dictionary<string, KnownDifference> Differences = new(StringComparer.Ordinal)
    {
        // --- Not applicable to UpdateSpec ---
        ["document_tests:2684"] = new("SQL NULL argument handling of DocumentDB's SQL function; UpdateSpec's arguments are never null") { Skip = true },
        ["document_tests:2686"] = new("SQL NULL argument handling of DocumentDB's SQL function; UpdateSpec's arguments are never null") { Skip = true },
        ["document_tests:2688"] = new("SQL NULL argument handling of DocumentDB's SQL function; UpdateSpec's arguments are never null") { Skip = true },
        ["positional_arrayFilters:0036"] = new(
            "an arrayFilters entry that is not a document (2) is rejected by the command parser (TypeMismatch) before UpdateSpec, whose API takes documents") { Skip = true },

        // --- The query does not match the document, so MongoDB would not update it; DocumentDB's function applies the update anyway ---
        ["positional_queryFilters:0024"] = NoMatch("_id 5 does not match the document's _id 4"),
        ["positional_queryFilters:0069"] = NoMatch("{b: {$ne: 5}} does not match b: [4, 5, 6]"),
        ["positional_queryFilters:0076"] = NoMatch("{b: {$nin: [4, 5]}} does not match b: [4, 5, 6]"),
        ["positional_queryFilters:0188"] = NoMatch("'key2.id': 3 does not match key2: [{id: 1}]"),

        // --- Positional '$' follows MongoDB's MatchDetails: the last array condition that matched sets the position ---
        ["positional_queryFilters:0127"] = new(
            "MongoDB parses {$all: [5, 6]} as b == 5 AND b == 6; each equality records its array position and the last one (6, index 2) wins, so a.2 is set; DocumentDB uses the first")
        {
            Check = CaseCheck.Document,
            Expected = "{ \"_id\" : 1, \"a\" : [1, 2, 100], \"b\" : [4, 5, 6], \"c\" : 8 }",
        },
        ["positional_queryFilters:0172"] = new(
            "MongoDB replaces '$' by the matched index as a plain path part; under the document 'a' that creates the field a.0 (no error); DocumentDB requires an array")
        {
            Check = CaseCheck.Document,
            Expected = "{ \"_id\" : 3, \"a\" : { \"b\" : [ { \"c\" : 1, \"d\" : 2 } ], \"0\" : { \"c\" : 11 } } }",
        },

        // --- DocumentDB's JSON reader treats a {"$type": ...} key as legacy $binary, so its tests write "$$type" ---
        ["document_tests:2043"] = DollarType("{ \"\": { \"$currentDate\": { \"a\": { \"$type\" : \"date\"} } } }"),
        ["document_tests:2049"] = DollarType("{ \"\": { \"$currentDate\": { \"a\": { \"$type\" : \"date\"} } } }"),
        ["document_tests:2055"] = DollarType("{ \"\": { \"$currentDate\": { \"a\": { \"$type\" : \"date\"} } } }"),
        ["document_tests:2061"] = DollarType("{ \"\": { \"$currentDate\": { \"a\": { \"$type\" : \"date\"} } } }"),
        ["document_tests:2074"] = DollarType("{ \"\": { \"$currentDate\": { \"a\": { \"$type\" : \"timestamp\"}, \"b.c\" : { \"$type\" : \"date\"} } } }"),
        ["document_tests:2133"] = new(
            "recorded as a JSON parse error of DocumentDB's test harness ({$type: 'date'} read as legacy $binary); MongoDB sets 'a' to the current date")
        {
            Check = CaseCheck.CurrentDate,
        },

        // --- MongoDB rejects an operator with an empty operand (update_driver: "'$op' is empty. You must specify a field like so") ---
        ["document_tests:0929"] = EmptyOperand("$pullAll"),
        ["document_tests:2233"] = EmptyOperand("$pop"),
        ["document_tests:2239"] = EmptyOperand("$pop"),

        // --- Replacement keeps the replacement's own _id value when it compares equal (ObjectReplaceExecutor) ---
        ["document_tests:0012"] = new(
            "MongoDB writes the replacement's _id (1.0, a double) since it compares equal to the original 1; DocumentDB keeps the original int")
        {
            Check = CaseCheck.Document,
            Expected = "{ \"_id\" : 1.0, \"b\" : 2 }",
        },

        // --- Top-level '$'-prefixed field names cannot be written by update operators (storage_validation, 5.0+) ---
        ["document_tests:2326"] = new(
            "MongoDB rejects updating the top-level field '$a' (DollarPrefixedFieldName 52); DocumentDB allows it")
        {
            Check = CaseCheck.Error,
            Code = 52,
        },

        // --- Update operators apply fields in lexicographic order (MongoDB 5.0+ documentation: "Update Operators") ---
        ["document_tests:2738"] = new(
            "MongoDB 5.0+ applies update fields in lexicographic order (numeric names in numeric order; docs: Update Operators > Behavior), so the renamed fields are created as k, newName, z; DocumentDB keeps the update's order")
        {
            Check = CaseCheck.Document,
            Expected = "{ \"_id\" : 2, \"x\" : { }, \"k\" : 2, \"newName\" : 2, \"z\" : 1 }",
        },

        // --- 'a.$[].x' makes 'a' an array-filter node, 'a.$.y' needs an object node: MongoDB's parser reports a conflict ---
        ["positional_all:0257"] = new(
            "MongoDB's update parser cannot hold 'a.$[]...' and 'a.$...' in one update (ConflictingUpdateOperators 40 at 'a'); DocumentDB applies both")
        {
            Check = CaseCheck.Error,
            Code = 40,
        },
    };

    public static IReadOnlyDictionary<string, KnownDifference> All => Differences;

    private static KnownDifference DollarType(string update) => new(
        "the recording writes \"$$type\" because DocumentDB's JSON reader takes a {\"$type\": ...} key for legacy $binary; " +
        "MongoDB's option is \"$type\" (and it rejects \"$$type\" with BadValue), so the case runs with \"$type\"")
    {
        UpdateOverride = update,
    };

    private static KnownDifference NoMatch(string why) => new(
        "not applicable: " + why + ", so MongoDB would not apply the update at all; DocumentDB's test function applies it regardless of the match") { Skip = true };

    private static KnownDifference EmptyOperand(string op) => new(
        "MongoDB rejects an empty " + op + " operand with FailedToParse (9) \"'" + op + "' is empty. You must specify a field like so\"; DocumentDB treats it as a no-op")
    {
        Check = CaseCheck.Error,
        Code = 9,
    };

    public static KnownDifference? For(string caseId) => Differences.GetValueOrDefault(caseId);
}
