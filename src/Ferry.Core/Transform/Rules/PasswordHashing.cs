namespace Ferry.Core.Transform.Rules;

/// <summary>Password hashing settings: BCrypt (default, cost 10) or Argon2id.</summary>
public sealed record PasswordHashing(string Algorithm = "bcrypt", int Cost = 10)
{
    public int Argon2MemoryKiB { get; init; } = 65536;

    public int Argon2Iterations { get; init; } = 3;
}
