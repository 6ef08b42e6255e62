using System.Security.Cryptography;
using System.Text;

namespace Ferry.Serve.Authentication;

/// <summary>
/// A user's SCRAM-SHA-256 credential as a server keeps it (RFC 5802/7677): salt, iteration count, StoredKey and
/// ServerKey — never the password, from which neither the keys nor a login can be derived without the PBKDF2 work.
/// </summary>
public sealed record ScramCredential(string User, byte[] Salt, int Iterations, byte[] StoredKey, byte[] ServerKey)
{
    /// <summary>MongoDB's default iteration count for SCRAM-SHA-256.</summary>
    public const int DefaultIterations = 15_000;

    public static ScramCredential Create(string user, string password, int iterations = DefaultIterations, byte[]? salt = null)
    {
        salt ??= RandomNumberGenerator.GetBytes(28);
        var salted = SaltedPassword(password, salt, iterations);
        var clientKey = HMACSHA256.HashData(salted, "Client Key"u8);
        return new ScramCredential(user, salt, iterations, SHA256.HashData(clientKey), HMACSHA256.HashData(salted, "Server Key"u8));
    }

    /// <summary>PBKDF2-HMAC-SHA-256 of the password after SASLprep (approximated by NFKC normalization).</summary>
    public static byte[] SaltedPassword(string password, byte[] salt, int iterations) =>
        Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password.Normalize(NormalizationForm.FormKC)), salt, iterations, HashAlgorithmName.SHA256, 32);
}
