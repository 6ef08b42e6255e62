using System.Security.Cryptography;
using System.Text;
using Ferry.Core.Transform.Rules;
using Konscious.Security.Cryptography;

namespace Ferry.Core.Transform;

/// <summary>
/// Hashes demo passwords for production: BCrypt (default) or Argon2id. The salt of each hash is derived from a
/// per-run secret and the document's source id (HMAC-SHA256), so a resumed run writes the same hash it would have
/// written uninterrupted; across runs the secret differs. Salts are public in the hash anyway; the plain password is
/// never logged, stored or kept beyond the call.
/// </summary>
public sealed class PasswordHasher(PasswordHashing settings, byte[] runSecret)
{
    private const string BcryptAlphabet = "./ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    public string Hash(string password, string saltContext)
    {
        var salt = HMACSHA256.HashData(runSecret, Encoding.UTF8.GetBytes(saltContext))[..16];
        return settings.Algorithm == "argon2id" ? Argon2(password, salt) : BCryptHash(password, salt);
    }

    private string BCryptHash(string password, byte[] salt)
    {
        var saltText = $"$2a${settings.Cost:D2}${EncodeBcryptBase64(salt)}";
        return BCrypt.Net.BCrypt.HashPassword(password, saltText);
    }

    private string Argon2(string password, byte[] salt)
    {
        using var argon = new Argon2id(Encoding.UTF8.GetBytes(password))
        {
            Salt = salt,
            DegreeOfParallelism = 1,
            Iterations = settings.Argon2Iterations,
            MemorySize = settings.Argon2MemoryKiB,
        };
        var hash = argon.GetBytes(32);
        static string B64(byte[] b) => Convert.ToBase64String(b).TrimEnd('=');
        return $"$argon2id$v=19$m={settings.Argon2MemoryKiB},t={settings.Argon2Iterations},p=1${B64(salt)}${B64(hash)}";
    }

    /// <summary>BCrypt's own base64 (alphabet ./A–Za–z0–9, no padding): 16 salt bytes → 22 characters.</summary>
    public static string EncodeBcryptBase64(byte[] data)
    {
        var sb = new StringBuilder();
        var i = 0;
        while (i < data.Length)
        {
            var c1 = data[i++];
            sb.Append(BcryptAlphabet[(c1 >> 2) & 0x3f]);
            c1 = (byte)((c1 & 0x03) << 4);
            if (i >= data.Length)
            {
                sb.Append(BcryptAlphabet[c1 & 0x3f]);
                break;
            }

            var c2 = data[i++];
            c1 |= (byte)((c2 >> 4) & 0x0f);
            sb.Append(BcryptAlphabet[c1 & 0x3f]);
            c1 = (byte)((c2 & 0x0f) << 2);
            if (i >= data.Length)
            {
                sb.Append(BcryptAlphabet[c1 & 0x3f]);
                break;
            }

            c2 = data[i++];
            c1 |= (byte)((c2 >> 6) & 0x03);
            sb.Append(BcryptAlphabet[c1 & 0x3f]);
            sb.Append(BcryptAlphabet[c2 & 0x3f]);
        }

        return sb.ToString();
    }
}
