using System.Text.Json;
using System.Text.Json.Nodes;
using Ferry.Core.Errors;

namespace Ferry.Serve.Authentication;

/// <summary>
/// The users <c>ferry serve --auth</c> accepts, read from a JSON file of hashed credentials:
/// <c>{ "users": [ { "user": "app", "mechanism": "SCRAM-SHA-256", "iterations": 15000, "salt": "…", "storedKey": "…", "serverKey": "…" } ] }</c>
/// (base64 values; write entries with <see cref="ToJson"/>, e.g. <c>ferry serve --hash-user NAME</c>).
/// </summary>
public sealed class UserStore
{
    private readonly Dictionary<string, ScramCredential> _users;

    public UserStore(IEnumerable<ScramCredential> users)
    {
        _users = users.ToDictionary(u => u.User, StringComparer.Ordinal);
    }

    public int Count => _users.Count;

    public ScramCredential? Find(string user) => _users.GetValueOrDefault(user);

    /// <summary>Reads the file; anything unexpected is one line naming the file and the entry.</summary>
    public static UserStore Load(string path)
    {
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(File.ReadAllText(path));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or JsonException)
        {
            throw new UserInputException($"--users {path}: cannot read the users file: {ex.Message}", ex);
        }

        if (root?["users"] is not JsonArray entries || entries.Count == 0)
        {
            throw new UserInputException($"--users {path}: expected {{ \"users\": [ {{ \"user\", \"mechanism\": \"SCRAM-SHA-256\", \"iterations\", \"salt\", \"storedKey\", \"serverKey\" }} ] }} with at least one user");
        }

        var users = new List<ScramCredential>();
        for (var i = 0; i < entries.Count; i++)
        {
            var entry = entries[i] as JsonObject;
            string Text(string field) => entry?[field] is JsonValue v && v.TryGetValue<string>(out var s) && s.Length > 0
                ? s
                : throw new UserInputException($"--users {path}: users[{i}].{field} is missing or not a string");
            byte[] Bytes(string field)
            {
                try
                {
                    return Convert.FromBase64String(Text(field));
                }
                catch (FormatException ex)
                {
                    throw new UserInputException($"--users {path}: users[{i}].{field} is not base64", ex);
                }
            }

            if (Text("mechanism") != "SCRAM-SHA-256")
            {
                throw new UserInputException($"--users {path}: users[{i}].mechanism must be \"SCRAM-SHA-256\"");
            }

            var iterations = entry?["iterations"] is JsonValue n && n.TryGetValue<int>(out var count) && count >= 4096
                ? count
                : throw new UserInputException($"--users {path}: users[{i}].iterations must be an integer of at least 4096");
            users.Add(new ScramCredential(Text("user"), Bytes("salt"), iterations, Bytes("storedKey"), Bytes("serverKey")));
        }

        return new UserStore(users);
    }

    /// <summary>One users-file entry for a credential.</summary>
    public static string ToJson(ScramCredential credential) => new JsonObject
    {
        ["user"] = credential.User,
        ["mechanism"] = "SCRAM-SHA-256",
        ["iterations"] = credential.Iterations,
        ["salt"] = Convert.ToBase64String(credential.Salt),
        ["storedKey"] = Convert.ToBase64String(credential.StoredKey),
        ["serverKey"] = Convert.ToBase64String(credential.ServerKey),
    }.ToJsonString();
}
