using MongoDB.Bson;

namespace Ferry.Demo.Generation;

/// <summary>
/// Builds user <c>i</c>: <c>{ _id, name, email, password, company, role, created_at, is_demo }</c>. A normal
/// e-mail is <c>first.last{i}@company-domain</c> in lower case, unique because it carries the index.
/// </summary>
internal sealed class UserFactory(GenerationContext context)
{
    private const ulong IdentityStream = Streams.Users + 100;

    public BsonDocument Create(long index)
    {
        var plan = context.Plan;
        var defect = plan.UserDefectOf(index);
        var markers = plan.DemoMarkersOf(index);

        // A duplicate is the same person signing up twice: the source user's identity and e-mail, a new _id.
        var identityIndex = defect == UserDefect.DuplicateEmail ? plan.DuplicateSourceOf(index) : index;
        var identity = IdentityOf(identityIndex);
        var email = defect switch
        {
            UserDefect.DuplicateEmail => NormalEmail(identity, identityIndex),
            UserDefect.UpperCaseEmail => NormalEmail(identity, index).ToUpperInvariant(),
            _ when markers.HasFlag(DemoMarkers.ExampleDomain) => $"{identity.First}.{identity.Last}{index}@example.com".ToLowerInvariant(),
            _ => NormalEmail(identity, index),
        };

        var random = new EntityRandom(context.Seed, Streams.Users, index);
        var document = new BsonDocument { { "_id", context.Ids.User(index) } };
        if (defect != UserDefect.MissingName)
        {
            document.Add("name", $"{identity.First} {identity.Last}");
        }

        document.Add("email", email);
        document.Add("password", $"demo-{identity.First.ToLowerInvariant()}-{random.Next(1000, 10000)}");
        document.Add("company", identity.Company);
        document.Add("role", random.Pick(Vocabulary.Roles));
        document.Add("created_at", defect == UserDefect.CreatedInFuture
            ? context.Future(ref random)
            : context.Past(ref random, GenerationContext.Seconds.Day, 2 * GenerationContext.Seconds.Year));
        document.Add("is_demo", markers.HasFlag(DemoMarkers.DemoFlag));
        return document;
    }

    /// <summary>The company of user <paramref name="index"/> (assessments are named after it).</summary>
    public string CompanyOf(long index) => IdentityOf(index).Company;

    private Identity IdentityOf(long index)
    {
        var random = new EntityRandom(context.Seed, IdentityStream, index);
        var company = random.Pick(Vocabulary.Companies);
        return new Identity(random.Pick(Vocabulary.FirstNames), random.Pick(Vocabulary.LastNames), company.Name, company.Domain);
    }

    private static string NormalEmail(Identity identity, long index) =>
        $"{identity.First}.{identity.Last}{index}@{identity.Domain}".ToLowerInvariant();

    private readonly record struct Identity(string First, string Last, string Company, string Domain);
}
