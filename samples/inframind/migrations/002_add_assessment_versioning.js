// 002 — Add assessment versioning (the Infra Mind data migration guide, "Schema Migration Procedures").
//
// The guide sets version: 1 and version_history: [] on every assessment and unsets both on the way down. Written
// for Ferry it is exactly reversible: production assessments already carry `version` (the guide's demo-to-
// production transform sets it), so up() only adds what is missing and records which assessments got which field
// in `_migration_002_added`; down() removes exactly those.

const LEDGER = "_migration_002_added";
const BATCH = 1000;

/** The _ids of assessments without `field`. The cursor reads every assessment in _id order rather than filtering
 *  on the field, so updating documents while it runs cannot change what it yields. */
function* lacking(db, field) {
  for (const assessment of db.assessments.find({}, { [field]: 1 })) {
    if (!(field in assessment)) {
      yield assessment._id;
    }
  }
}

/** The _ids of the ledger entries that record `field` as added. */
function* added(db, field) {
  for (const entry of db.getCollection(LEDGER).find({ added: field }, { _id: 1 })) {
    yield entry._id;
  }
}

/** Calls `handle` with the ids, BATCH at a time (constant memory). */
async function inBatches(allIds, handle) {
  let ids = [];
  for (const id of allIds) {
    ids.push(id);
    if (ids.length === BATCH) {
      await handle(ids);
      ids = [];
    }
  }

  if (ids.length > 0) {
    await handle(ids);
  }
}

module.exports = {
  description: "Add assessment versioning",

  async up(db) {
    // The guide's updateMany per field, restricted to the documents that lack the field, ledger first.
    for (const [field, value] of [["version", 1], ["version_history", []]]) {
      await inBatches(lacking(db, field), async (ids) => {
        await db.getCollection(LEDGER).bulkWrite(ids.map((id) => ({
          updateOne: { filter: { _id: id }, update: { $push: { added: field } }, upsert: true },
        })));
        await db.assessments.updateMany({ _id: { $in: ids }, [field]: { $exists: false } }, { $set: { [field]: value } });
      });
    }
  },

  async down(db) {
    for (const field of ["version", "version_history"]) {
      await inBatches(added(db, field), async (ids) => {
        await db.assessments.updateMany({ _id: { $in: ids } }, { $unset: { [field]: "" } });
      });
    }

    await db.getCollection(LEDGER).drop();
  },
};
