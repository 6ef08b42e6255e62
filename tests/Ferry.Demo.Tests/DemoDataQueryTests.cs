using Ferry.Core.Storage;
using Ferry.Core.Tests.Transfer;
using Ferry.Demo.Workflow;
using Ferry.Store.Embedded;
using MongoDB.Bson;

namespace Ferry.Demo.Tests;

/// <summary>
/// Seeds the demo into the real embedded store and asks it the guide's own questions (count_documents with
/// MongoDB filters): the answers must be the planted counts.
/// </summary>
public class DemoDataQueryTests
{
    [Fact]
    public async Task The_guides_queries_on_the_seeded_store_find_exactly_the_planted_defects()
    {
        using var temp = new TempDirectory();
        var options = new DemoOptions { Directory = temp.File("demo"), Size = 400, Seed = 5, Clock = FixedClock.Default };
        var result = await new DemoWorkflow(new StoreRegistry([new EmbeddedStoreProvider()])).RunAsync(options);
        var d = result.Summary.Defects;
        var clock = result.Summary.GeneratedAt;

        var store = await new EmbeddedStoreProvider().OpenAsync(options.StoreUri);
        await using (store)
        {
            var db = store.GetDatabase(options.Database);
            Task<long> Count(string collection, string filter) => db.GetCollection(collection).CountAsync(BsonDocument.Parse(filter));

            Assert.Equal(d.UsersMissingName, await Count("users", "{ name: { $exists: false } }"));
            Assert.Equal(d.AssessmentsMissingName, await Count("assessments", "{ name: { $exists: false } }"));
            Assert.Equal(d.EmptyBusinessRequirements, await Count("assessments", "{ business_requirements: {} }"));
            Assert.Equal(d.InvalidStatuses, await Count("assessments", "{ status: { $nin: ['draft', 'processing', 'completed', 'archived'] } }"));
            Assert.Equal(d.DemoFlaggedUsers, await Count("users", "{ is_demo: true }"));
            Assert.Equal(d.ExampleDomainUsers, await Count("users", "{ email: { $regex: '@example\\\\.com$', $options: 'i' } }"));
            Assert.Equal(d.UpperCaseEmails, await Count("users", "{ email: { $regex: '[A-Z]' } }"));
            Assert.Equal(d.UsersCreatedInFuture, await db.GetCollection("users").CountAsync(new BsonDocument("created_at", new BsonDocument("$gt", clock))));
            Assert.Equal(d.AssessmentsCreatedInFuture, await db.GetCollection("assessments").CountAsync(new BsonDocument("created_at", new BsonDocument("$gt", clock))));
            Assert.Equal(1, await Count("configuration", "{ _id: 'demo_config', is_demo: true }"));
            Assert.True(d.UsersMissingName > 0 && d.InvalidStatuses > 0 && d.UpperCaseEmails > 0, "size 400 plants every defect");
        }
    }
}
