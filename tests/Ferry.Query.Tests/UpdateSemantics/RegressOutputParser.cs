using System.Globalization;
using System.Text;

namespace Ferry.Query.Tests.UpdateSemantics;

/// <summary>
/// Parses PostgreSQL pg_regress expected-output files of DocumentDB's update tests: every top-level SELECT that calls
/// <c>bson_update_document</c> (or the <c>test_update_currentDate</c> helper) becomes a <see cref="RecordedCase"/>,
/// with the result printed after it (a document, nothing, <c>t</c>, <c>TEST PASSED</c> or an <c>ERROR:</c> line).
/// </summary>
internal static class RegressOutputParser
{
    private const string UpdateCall = "documentdb_api_internal.bson_update_document(";
    private const string CurrentDateCall = "test_update_currentDate(";

    public static IEnumerable<RecordedCase> Parse(string path)
    {
        var file = Path.GetFileNameWithoutExtension(path);
        var lines = File.ReadAllLines(path);
        var comment = "";
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            if (line.StartsWith("--", StringComparison.Ordinal))
            {
                comment = line.TrimStart('-', ' ');
                continue;
            }

            if (!line.StartsWith("SELECT", StringComparison.Ordinal) ||
                !(line.Contains("bson_update_document", StringComparison.Ordinal) || line.Contains(CurrentDateCall, StringComparison.Ordinal)))
            {
                continue;
            }

            var startLine = i + 1;
            var statement = new StringBuilder(line);
            while (!lines[i].TrimEnd().EndsWith(';'))
            {
                i++;
                statement.Append('\n').Append(lines[i]);
            }

            var (check, expected, next) = ReadResult(lines, i + 1);
            yield return Build(file, startLine, comment, statement.ToString(), check, expected);
            i = next - 1;
        }
    }

    private static (CaseCheck? Check, string? Value, int Next) ReadResult(string[] lines, int i)
    {
        if (lines[i].StartsWith("ERROR:", StringComparison.Ordinal))
        {
            return (CaseCheck.Error, lines[i]["ERROR:".Length..].Trim(), i + 1);
        }

        // header, dashes, value lines, "(1 row)"
        var value = new StringBuilder();
        var j = i + 2;
        while (!lines[j].StartsWith('(') || !lines[j].Contains("row", StringComparison.Ordinal))
        {
            value.Append(lines[j].Length > 0 ? lines[j][1..] : "");
            j++;
        }

        return (null, value.ToString().Trim(), j + 1);
    }

    private static RecordedCase Build(string file, int line, string comment, string statement, CaseCheck? error, string? value)
    {
        var id = file.Replace("bson_update_", "", StringComparison.Ordinal) + ":" + line.ToString("D4", CultureInfo.InvariantCulture);
        var isCurrentDate = statement.Contains("SELECT " + CurrentDateCall, StringComparison.Ordinal);
        var call = isCurrentDate ? CurrentDateCall : UpdateCall;
        var args = SqlArguments(statement, statement.IndexOf(call, StringComparison.Ordinal) + call.Length);
        string? Arg(int n) => n < args.Count ? args[n] : null;

        CaseCheck check;
        string? expected = value;
        IReadOnlyList<string> dates = [];
        IReadOnlyList<string> timestamps = [];
        if (error is not null)
        {
            check = CaseCheck.Error;
        }
        else if (isCurrentDate)
        {
            check = CaseCheck.CurrentDate;
            dates = ArrayItems(statement, 0);
            timestamps = ArrayItems(statement, 1);
        }
        else if (statement.Contains("@? '{ \"_id\" : 1 }'", StringComparison.Ordinal))
        {
            check = CaseCheck.HasId;
        }
        else if (statement.Contains("@!= ", StringComparison.Ordinal) || statement.Contains("@= ", StringComparison.Ordinal))
        {
            check = statement.Contains("@!= ", StringComparison.Ordinal) ? CaseCheck.IdNotEquals : CaseCheck.IdEquals;
            var tail = statement[(statement.LastIndexOf('@') + 3)..];
            expected = SqlArguments(tail, 0)[0];
        }
        else if (statement.Contains("bson_dollar_project(newDocument, '{ \"_id\": 0 }')", StringComparison.Ordinal))
        {
            check = CaseCheck.DocumentWithoutId;
        }
        else if (string.IsNullOrEmpty(value) || value == "(,)")
        {
            check = CaseCheck.NoOp;
        }
        else
        {
            check = CaseCheck.Document;
            if (value.StartsWith("(\"", StringComparison.Ordinal))
            {
                expected = value[2..value.LastIndexOf("\",)", StringComparison.Ordinal)].Replace("\"\"", "\"", StringComparison.Ordinal);
            }
        }

        return new RecordedCase(id, file, line, comment, Arg(0), Arg(1), Arg(2), isCurrentDate ? null : Arg(3), check, expected, dates, timestamps);
    }

    /// <summary>The SQL arguments from <paramref name="start"/> up to the closing parenthesis: quoted strings
    /// ('' escapes a quote) and NULL (as null); other tokens (true, ARRAY[...]) are kept as their text.</summary>
    private static List<string?> SqlArguments(string text, int start)
    {
        var args = new List<string?>();
        var i = start;
        while (i < text.Length)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c) || c == ',')
            {
                i++;
                continue;
            }

            if (c == ')' || c == ';')
            {
                break;
            }

            if (c == '\'')
            {
                var sb = new StringBuilder();
                i++;
                while (true)
                {
                    if (text[i] == '\'')
                    {
                        if (i + 1 < text.Length && text[i + 1] == '\'')
                        {
                            sb.Append('\'');
                            i += 2;
                            continue;
                        }

                        i++;
                        break;
                    }

                    sb.Append(text[i++]);
                }

                args.Add(sb.ToString());
                continue;
            }

            var end = i;
            var depth = 0;
            while (end < text.Length && (depth > 0 || (text[end] != ',' && text[end] != ')')))
            {
                depth += text[end] == '[' ? 1 : text[end] == ']' ? -1 : 0;
                end++;
            }

            var token = text[i..end].Trim();
            args.Add(token.Equals("null", StringComparison.OrdinalIgnoreCase) ? null : token);
            i = end;
        }

        return args;
    }

    /// <summary>The quoted items of the n-th <c>ARRAY[...]</c> in the statement.</summary>
    private static List<string> ArrayItems(string statement, int n)
    {
        var at = -1;
        for (var k = 0; k <= n; k++)
        {
            at = statement.IndexOf("ARRAY[", at + 1, StringComparison.Ordinal);
        }

        var end = statement.IndexOf(']', at);
        return statement[(at + 6)..end].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(s => s.Trim('\''))
            .ToList();
    }
}
