import { writeFileSync } from 'node:fs';

/**
 * Made-up records for tests and tools that drive real `parallax ingest` processes (durability
 * tests, `npm run chaos`): distinct articles about a handful of events, so placement has real
 * stories to find, written as JSONL.
 */
const TOPICS = ['ferry strike', 'harbour crane', 'dam inspection', 'school closure', 'bridge repair', 'water rates', 'council vote', 'hospital wing', 'rail delays', 'fishing quota'];
const OUTLETS = ['Coast Daily', 'Harbour Gazette', 'Valley Times', 'Northern Wire'];
/** Made-up words, so records share their topic's words and little else (no wire copies). */
const VOCABULARY = Array.from({ length: 3000 }, (_, i) => `${'bcdfgklmnprstvz'[i % 15]}${'aeiou'[(i >> 2) % 5]}${i.toString(36)}${'aeiou'[i % 5]}n`);

/** A repeatable random sequence from a tag, for callers that bring no generator of their own. */
function seeded(tag: string): () => number {
  let seed = [...tag].reduce((s, c) => s * 31 + c.charCodeAt(0), 7);
  return () => (seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648;
}

/** Writes `n` records with ids `<tag>-<i>` to `file`. */
export function writeRecords(file: string, n: number, tag: string, random: () => number = seeded(tag)): void {
  const words = (k: number) => Array.from({ length: k }, () => VOCABULARY[Math.floor(random() * VOCABULARY.length)]).join(' ');
  const lines: string[] = [];
  for (let i = 0; i < n; i++) {
    const topic = TOPICS[i % TOPICS.length]!;
    lines.push(
      JSON.stringify({
        id: `${tag}-${i}`,
        title: `The ${topic} goes on, ${words(3)}`,
        outlet: OUTLETS[i % OUTLETS.length],
        published: `2025-04-${String(1 + (i % 20)).padStart(2, '0')}T08:00:00Z`,
        text: `${words(10)} the ${topic} ${words(15)}.\n\nResidents ${words(20)} the ${topic}, ${words(15)}.`,
      }),
    );
  }
  writeFileSync(file, `${lines.join('\n')}\n`);
}
