#!/usr/bin/env bash
# The main job on the bundled example corpus: ingest it, list the stories, compare the largest one.
set -euo pipefail
cd "$(dirname "$0")/.."
db=${PARALLAX_DEMO_DB:-demo.db}
rm -f "$db" "$db-wal" "$db-shm"
node bin/parallax.js ingest examples/ --outlets examples/outlets.yaml --db "$db"
echo
node bin/parallax.js stories --db "$db"
story=$(node bin/parallax.js stories --db "$db" --format jsonl | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{const r=s.trim().split("\n").map(JSON.parse).sort((a,b)=>b.articles-a.articles);console.log(r[0].id)})')
echo
node bin/parallax.js compare "$story" --db "$db"
node bin/parallax.js compare "$story" --db "$db" --format html > demo-report.html
echo "The same comparison as one self-contained page: demo-report.html (store: $db)"
