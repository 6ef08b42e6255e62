// CRUD + aggregation through the Node.js driver against `ferry serve` (argv[2] = connection string).
// Prints the aggregation's groups as JSON on the last line; any failed check exits non-zero.
const assert = require('node:assert/strict');
const { MongoClient } = require('mongodb');

async function main() {
  const client = new MongoClient(process.argv[2], { serverSelectionTimeoutMS: 10000 });
  try {
    const orders = client.db('nodeapp').collection('orders');
    await orders.drop().catch(() => {});
    await orders.createIndex({ ref: 1 }, { unique: true });
    await orders.insertMany(Array.from({ length: 300 }, (_, i) => ({ _id: i, ref: `r${i}`, customer: `c${i % 3}`, total: i })));
    assert.equal(await orders.countDocuments({ total: { $gte: 100 } }), 200);
    assert.equal((await orders.updateMany({ customer: 'c0' }, { $inc: { total: 1000 } })).modifiedCount, 100);
    assert.equal((await orders.findOne({ _id: 0 })).total, 1000);
    assert.equal((await orders.deleteOne({ _id: 299 })).deletedCount, 1);
    await assert.rejects(orders.insertOne({ _id: 1000, ref: 'r1' }), (error) => error.code === 11000);
    const ids = (await orders.find({}, { batchSize: 7 }).sort({ _id: 1 }).toArray()).map((d) => d._id);
    assert.deepEqual(ids, Array.from({ length: 299 }, (_, i) => i));
    assert.deepEqual((await orders.distinct('customer')).sort(), ['c0', 'c1', 'c2']);
    const groups = await orders.aggregate([
      { $group: { _id: '$customer', n: { $sum: 1 }, sum: { $sum: '$total' } } },
      { $sort: { _id: 1 } },
    ], { batchSize: 1 }).toArray();
    console.log(JSON.stringify(groups.map((g) => ({ _id: g._id, n: g.n, sum: g.sum }))));
  } finally {
    await client.close();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
