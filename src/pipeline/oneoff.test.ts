import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { groupArticles } from '../cluster/index.ts';
import type { ArticleDraft } from '../core/types.ts';
import { readInputs } from '../ingest/index.ts';
import { clusterStream } from './oneoff.ts';
import { storyIdFor } from './stories.ts';

let tmp: string;
beforeAll(async () => {
  tmp = await mkdtemp(path.join(tmpdir(), 'parallax-oneoff-'));
});
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

/** Three events told by three outlets each in their own words, and two articles about nothing else. */
function pile(): object[] {
  const events = [
    (o: string) => `${o} reports that the Orrin dam on the Vessel river will be drained for inspection after engineers found 14 cracks in its spillway. The water board said the Orrin reservoir would be lowered by 6 metres over 3 weeks.`,
    (o: string) => `Crews at the Skerry ferry terminal walked out on Monday over new rosters, ${o} says. The Skerry Line cancelled 22 crossings and said talks with the Mariners' Union would resume on Thursday in Eastport.`,
    (o: string) => `The Halden city council approved a 41 million euro tram extension to Norrvik, according to ${o}. Construction of the Norrvik line starts in April and the first trams should run in 2028, the Halden transport office said.`,
  ];
  const outlets = ['Coast Daily', 'Harbour Gazette', 'Valley Times'];
  const records: object[] = events.flatMap((tell, e) =>
    outlets.map((outlet, o) => ({ id: `e${e + 1}-${o + 1}`, outlet, title: null, published: `2025-04-0${o + 1}T08:00:00Z`, text: tell(outlet) })),
  );
  records.splice(4, 0, { outlet: 'Fjord Post', published: '2025-04-02T08:00:00Z', text: 'A colony of puffins returned to the Tarn cliffs for the first time in a decade, birdwatchers in Lomsk said on Sunday.' });
  records.push({ id: 'lone', outlet: 'Fjord Post', published: '2025-04-03T08:00:00Z', text: 'The Lomsk chess club won the regional cup for the third year running, beating Vardby four games to two in the final.' });
  return records;
}

/** What `parallax cluster` printed before it streamed: every draft read first, then grouped in one go. */
function groupedInOneGo(drafts: ArticleDraft[]): { id: string; input: string; story: string }[] {
  const ids = drafts.map((d, i) => d.externalId ?? `${i + 1}`);
  const groups = groupArticles(drafts.map((d, i) => ({ id: ids[i]!, title: d.title, text: d.text, published: d.published })));
  const first = new Map<number, number>();
  groups.forEach((g, i) => first.has(g) || first.set(g, i));
  return drafts.map((d, i) => ({ id: ids[i]!, input: d.input, story: storyIdFor(`${ids[first.get(groups[i]!)!]}|${drafts[first.get(groups[i]!)!]!.input}`) }));
}

describe('clusterStream', () => {
  it('gives a JSONL pile the same stories, under the same ids, as grouping it in one go', async () => {
    const file = path.join(tmp, 'pile.jsonl');
    await writeFile(file, `${pile().map((r) => JSON.stringify(r)).join('\n')}\n{"id": "broken"\n`);
    const drafts: ArticleDraft[] = [];
    for await (const item of readInputs([file], { threads: 1 })) if ('draft' in item) drafts.push(item.draft);
    const skipped: string[] = [];
    const streamed = await clusterStream(readInputs([file], { threads: 1 }), (item) => skipped.push(item.input));
    expect(streamed.map(({ id, input, story }) => ({ id, input, story }))).toEqual(groupedInOneGo(drafts));
    expect(skipped).toEqual([`${file}:12`]);
    // An article without an id is named by its place among the articles read.
    expect(streamed[4]).toMatchObject({ id: '5', input: `${file}:5`, outlet: 'Fjord Post' });
    // The pile must hold stories of several articles for the comparison to mean something.
    const sizes = new Map<string, number>();
    for (const a of streamed) sizes.set(a.story, (sizes.get(a.story) ?? 0) + 1);
    expect(Math.max(...sizes.values())).toBeGreaterThan(1);
  });

  it('refuses a pile where nothing could be read, after reporting each skipped input', async () => {
    const skipped: string[] = [];
    await expect(clusterStream(readInputs([path.join(tmp, 'missing.jsonl')]), (item) => skipped.push(item.input))).rejects.toThrow(/cluster: no articles could be read from the inputs/);
    expect(skipped).toEqual([path.join(tmp, 'missing.jsonl')]);
  });
});
