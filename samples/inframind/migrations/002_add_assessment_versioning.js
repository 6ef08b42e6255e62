// 002 — Add assessment versioning (the Infra Mind data migration guide, "Schema Migration Procedures").
//
// The guide sets version: 1 and version_history: [] on every assessment and unsets both on the way down. Written
// for Ferry it is exactly reversible: production assessments already carry `version` (the guide's demo-to-
// production transform sets it), so up() only adds what is missing and records which assessments got which field
// in `_migration_002_added`; down() removes exactly those.

const LEDGER = "_migration_002_added";

module.exports = {
  description: "Add assessment versioning",

  async up(db) {
    // One updateMany per field, as in the guide, restricted to the documents that lack it.
    for (const [field, value] of [["version", 1], ["version_history", []]]) {
      const missing = db.assessments.find({ [field]: { $exists: false } }, { _id: 1 }).map((a) => a._id).toArray();
      if (missing.length === 0) {
        continue;
      }

      await db.getCollection(LEDGER).bulkWrite(missing.map((id) => ({
        updateOne: { filter: { _id: id }, update: { $push: { added: field } }, upsert: true },
      })));
      await db.assessments.updateMany({ _id: { $in: missing }, [field]: { $exists: false } }, { $set: { [field]: value } });
    }
  },

  async down(db) {
    for (const field of ["version", "version_history"]) {
      const ids = db.getCollection(LEDGER).find({ added: field }, { _id: 1 }).map((e) => e._id).toArray();
      if (ids.length > 0) {
        await db.assessments.updateMany({ _id: { $in: ids } }, { $unset: { [field]: "" } });
      }
    }

    await db.getCollection(LEDGER).drop();
  },
};
