// 001 — Add user profile fields (the Infra Mind data migration guide, "Schema Migration Procedures").
//
// The guide sets profile.timezone/language/notifications on every user and its down part unsets them. Written
// for Ferry, the migration is exactly reversible: it only adds a field where it is missing (an existing user
// preference is never overwritten), and remembers, per user, which fields it added — including a whole `profile`
// it had to create — in `_migration_001_added`, so down() removes exactly those and nothing else.
// (The guide's Python `True`/`False` are JavaScript's `true`/`false` here.)

const DEFAULTS = {
  timezone: "UTC",
  language: "en",
  notifications: { email: true, push: true, sms: false },
};
const LEDGER = "_migration_001_added";

const BATCH = 1000;

module.exports = {
  description: "Add user profile fields",

  async up(db) {
    let ledger = [];
    let updates = [];
    // Ledger first: if the updates fail half-way, down() still knows every field that may have been added.
    const flush = async () => {
      if (ledger.length > 0) {
        await db.getCollection(LEDGER).bulkWrite(ledger);
        await db.users.bulkWrite(updates);
      }
      ledger = [];
      updates = [];
    };

    for (const user of db.users.find({}, { profile: 1 })) {
      const profile = user.profile;
      if (profile !== undefined && (profile === null || typeof profile !== "object" || Array.isArray(profile))) {
        continue; // not a document: leave it for validation to report rather than guess
      }

      const added = profile === undefined ? ["profile"] : Object.keys(DEFAULTS).filter((f) => !(f in profile)).map((f) => "profile." + f);
      if (added.length === 0) {
        continue;
      }

      const set = {};
      if (profile === undefined) {
        set.profile = DEFAULTS;
      } else {
        for (const path of added) {
          set[path] = DEFAULTS[path.slice("profile.".length)];
        }
      }

      updates.push({ updateOne: { filter: { _id: user._id }, update: { $set: set } } });
      ledger.push({ insertOne: { document: { _id: user._id, added } } });
      if (updates.length === BATCH) {
        await flush();
      }
    }

    await flush();
  },

  async down(db) {
    let updates = [];
    for (const entry of db.getCollection(LEDGER).find()) {
      const unset = {};
      for (const path of entry.added) {
        unset[path] = "";
      }

      updates.push({ updateOne: { filter: { _id: entry._id }, update: { $unset: unset } } });
      if (updates.length === BATCH) {
        await db.users.bulkWrite(updates);
        updates = [];
      }
    }

    if (updates.length > 0) {
      await db.users.bulkWrite(updates);
    }

    await db.getCollection(LEDGER).drop();
  },
};
