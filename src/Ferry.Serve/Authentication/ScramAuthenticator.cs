using System.Security.Cryptography;
using System.Text;
using Ferry.Serve.Commands;
using MongoDB.Bson;

namespace Ferry.Serve.Authentication;

/// <summary>
/// The server side of SCRAM-SHA-256 over saslStart/saslContinue (RFC 5802, RFC 7677, MongoDB's SASL commands).
/// No channel binding. A failed proof, an unknown user or a broken conversation is AuthenticationFailed (18) with
/// one message that does not say which.
/// </summary>
internal sealed class ScramAuthenticator(UserStore users)
{
    private const string Failed = "Authentication failed.";

    private sealed record Conversation(ScramCredential Credential, string ClientFirstBare, string ServerFirst, string Nonce, bool SkipEmptyExchange)
    {
        public bool Verified { get; init; }
    }

    public BsonDocument Start(CommandContext context)
    {
        var mechanism = context.Command.GetValue("mechanism", BsonNull.Value);
        if (mechanism != "SCRAM-SHA-256")
        {
            throw ServerErrors.AuthenticationFailed($"Received authentication for mechanism {mechanism} which is not enabled (SCRAM-SHA-256 is)");
        }

        var message = Payload(context);
        if (!message.StartsWith("n,,", StringComparison.Ordinal))
        {
            throw ServerErrors.AuthenticationFailed(Failed);
        }

        var bare = message[3..];
        var fields = Fields(bare);
        var user = fields.GetValueOrDefault('n')?.Replace("=2C", ",", StringComparison.Ordinal).Replace("=3D", "=", StringComparison.Ordinal);
        var clientNonce = fields.GetValueOrDefault('r');
        if (user is null || string.IsNullOrEmpty(clientNonce) || users.Find(user) is not { } credential)
        {
            throw ServerErrors.AuthenticationFailed(Failed);
        }

        var nonce = clientNonce + Convert.ToBase64String(RandomNumberGenerator.GetBytes(24));
        var serverFirst = $"r={nonce},s={Convert.ToBase64String(credential.Salt)},i={credential.Iterations}";
        // Drivers ask (saslStart options) to finish in one saslContinue instead of sending a last empty one.
        var skipEmpty = context.Document("options") is { } options && options.TryGetValue("skipEmptyExchange", out var skip) && skip.ToBoolean();
        context.Connection.Conversation = new Conversation(credential, bare, serverFirst, nonce, skipEmpty);
        return Reply(serverFirst, done: false);
    }

    public static BsonDocument Continue(CommandContext context)
    {
        if (context.Connection.Conversation is not Conversation conversation)
        {
            throw ServerErrors.AuthenticationFailed("No SASL session state found");
        }

        if (conversation.Verified)
        {
            context.Connection.Conversation = null;
            context.Connection.User = conversation.Credential.User;
            return Reply(string.Empty, done: true);
        }

        context.Connection.Conversation = null;
        var final = Payload(context);
        var proofAt = final.LastIndexOf(",p=", StringComparison.Ordinal);
        var fields = Fields(final);
        if (proofAt < 0 || fields.GetValueOrDefault('c') != "biws" || fields.GetValueOrDefault('r') != conversation.Nonce)
        {
            throw ServerErrors.AuthenticationFailed(Failed);
        }

        byte[] proof;
        try
        {
            proof = Convert.FromBase64String(final[(proofAt + 3)..]);
        }
        catch (FormatException)
        {
            throw ServerErrors.AuthenticationFailed(Failed);
        }

        var authMessage = Encoding.UTF8.GetBytes(conversation.ClientFirstBare + "," + conversation.ServerFirst + "," + final[..proofAt]);
        var credential = conversation.Credential;
        var signature = HMACSHA256.HashData(credential.StoredKey, authMessage);
        if (proof.Length != signature.Length)
        {
            throw ServerErrors.AuthenticationFailed(Failed);
        }

        var clientKey = new byte[proof.Length];
        for (var i = 0; i < proof.Length; i++)
        {
            clientKey[i] = (byte)(proof[i] ^ signature[i]);
        }

        if (!CryptographicOperations.FixedTimeEquals(SHA256.HashData(clientKey), credential.StoredKey))
        {
            throw ServerErrors.AuthenticationFailed(Failed);
        }

        var serverFinal = "v=" + Convert.ToBase64String(HMACSHA256.HashData(credential.ServerKey, authMessage));
        if (conversation.SkipEmptyExchange)
        {
            context.Connection.User = credential.User;
            return Reply(serverFinal, done: true);
        }

        context.Connection.Conversation = conversation with { Verified = true };
        return Reply(serverFinal, done: false);
    }

    private static BsonDocument Reply(string payload, bool done) => new()
    {
        { "conversationId", 1 },
        { "done", done },
        { "payload", new BsonBinaryData(Encoding.UTF8.GetBytes(payload)) },
        { "ok", 1.0 },
    };

    private static string Payload(CommandContext context) => context.Command.GetValue("payload", BsonNull.Value) switch
    {
        BsonBinaryData binary => Encoding.UTF8.GetString(binary.Bytes),
        BsonString text => text.Value,
        _ => throw ServerErrors.AuthenticationFailed("saslStart/saslContinue needs a payload"),
    };

    private static Dictionary<char, string> Fields(string message)
    {
        var fields = new Dictionary<char, string>();
        foreach (var part in message.Split(','))
        {
            if (part.Length >= 2 && part[1] == '=')
            {
                fields.TryAdd(part[0], part[2..]);
            }
        }

        return fields;
    }
}
