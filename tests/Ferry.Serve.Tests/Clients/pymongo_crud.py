"""CRUD + aggregation through pymongo against `ferry serve` (argv[1] = connection string).
Prints the aggregation's groups as JSON on the last line; any failed check exits non-zero."""
import json
import sys

from pymongo import ASCENDING, MongoClient
from pymongo.errors import DuplicateKeyError

client = MongoClient(sys.argv[1], serverSelectionTimeoutMS=10000)
orders = client["pyapp"]["orders"]
orders.drop()
orders.create_index([("ref", ASCENDING)], unique=True)
orders.insert_many([{"_id": i, "ref": "r%d" % i, "customer": "c%d" % (i % 3), "total": i} for i in range(300)])
assert orders.count_documents({"total": {"$gte": 100}}) == 200
assert orders.update_many({"customer": "c0"}, {"$inc": {"total": 1000}}).modified_count == 100
assert orders.find_one({"_id": 0})["total"] == 1000
assert orders.delete_one({"_id": 299}).deleted_count == 1
try:
    orders.insert_one({"_id": 1000, "ref": "r1"})
    sys.exit("a duplicate ref was accepted")
except DuplicateKeyError as error:
    assert error.code == 11000, error.code
ids = [d["_id"] for d in orders.find({}, batch_size=7).sort("_id", 1)]
assert ids == list(range(299)), ids[:10]
assert sorted(orders.distinct("customer")) == ["c0", "c1", "c2"]
groups = list(orders.aggregate([
    {"$group": {"_id": "$customer", "n": {"$sum": 1}, "sum": {"$sum": "$total"}}},
    {"$sort": {"_id": 1}},
], batchSize=1))
print(json.dumps(groups, sort_keys=True))
