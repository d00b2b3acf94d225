#!/usr/bin/env python3
"""shards-check.py OUT LOG...: the assertions of Scripts/ci/shards-netns on shard 1's --out.

OUT holds the merged result and shard-1/ ... shard-N/; each LOG is one shard's --protocol-log.
Start times agree within 20 ms (each on shard 1's clock), the merged command count is the sum
of the shards', every merged histogram is the bucket-by-bucket sum of the shards' (decoded
from latency.hlog: V2 compressed, ZigZag LEB128 counts), and the shards' users are disjoint."""
import base64, collections, datetime, json, os, re, struct, sys, zlib

def fail(message):
    sys.exit(f"[shards-check] FAIL: {message}")

def counts(payload):
    """Bucket index -> count of one HISTF... payload."""
    raw = base64.b64decode(payload)
    _cookie, length = struct.unpack(">II", raw[:8])
    body = zlib.decompress(raw[8:8 + length])
    payload_length = struct.unpack(">I", body[4:8])[0]
    data, index, position, result = body[40:40 + payload_length], 0, 0, {}
    while position < len(data):
        value, shift = 0, 0
        while True:
            byte = data[position]; position += 1
            value |= (byte & 0x7F) << shift; shift += 7
            if byte < 0x80 or shift == 56:
                if shift == 56 and byte >= 0x80: value |= data[position] << 56; position += 1
                break
        value = (value >> 1) ^ -(value & 1)
        if value < 0:
            index += -value
        else:
            if value: result[index] = result.get(index, 0) + value
            index += 1
    return result

def histograms(directory):
    """Tag -> summed bucket counts over every interval of a run directory."""
    sums = collections.defaultdict(collections.Counter)
    for line in open(os.path.join(directory, "latency.hlog")):
        if line.startswith("Tag="):
            fields = line.strip().split(",")
            sums[fields[0][4:]].update(counts(fields[-1]))
    return sums

def run(directory):
    return json.load(open(os.path.join(directory, "run.json")))

out, logs = sys.argv[1], sys.argv[2:]
shards = [os.path.join(out, f"shard-{i}") for i in range(1, len(logs) + 1)]
merged = run(out)

starts = []
for directory in shards:
    document = run(directory)
    wall = datetime.datetime.fromisoformat(document["run"]["startWall"].replace("Z", "+00:00")).timestamp()
    offset = float(document["run"]["configuration"]["notes"].get("shard_clock_offset_ms", "0")) / 1000
    starts.append(wall + offset)
skew = (max(starts) - min(starts)) * 1000
print(f"[shards-check] start skew {skew:.2f} ms over {len(shards)} shards", file=sys.stderr)
if skew > 20: fail(f"start times differ by {skew:.1f} ms (at most 20 ms)")

total = sum(run(d)["totals"]["commands"] for d in shards)
if merged["totals"]["commands"] != total or total == 0:
    fail(f"merged count {merged['totals']['commands']} != sum of the shards' {total}")
print(f"[shards-check] merged commands {total} = sum of the shards'", file=sys.stderr)

expected = collections.defaultdict(collections.Counter)
for directory in shards:
    for tag, buckets in histograms(directory).items(): expected[tag].update(buckets)
actual = histograms(out)
if set(actual) != set(expected): fail(f"tags differ: {sorted(set(actual) ^ set(expected))}")
for tag in expected:
    if +actual[tag] != +expected[tag]: fail(f"histogram {tag}: merged buckets are not the sum of the shards'")
print(f"[shards-check] {len(expected)} merged histograms = bucket-by-bucket sums", file=sys.stderr)

users = [set(re.findall(r'LOGIN "([^"]+)"', open(log).read())) for log in logs]
if any(not u for u in users): fail(f"a shard logged in as nobody: {users}")
for i in range(len(users)):
    for j in range(i + 1, len(users)):
        if users[i] & users[j]: fail(f"shards {i + 1} and {j + 1} share users {sorted(users[i] & users[j])}")
print(f"[shards-check] disjoint users: {[sorted(u) for u in users]}", file=sys.stderr)
