import { readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { sharedFolder } from '../../test/shared.ts';
import { compareInputs, compareTexts } from '../pipeline/compare.ts';
import { mostOutlets } from './index.ts';
import { renderHtml, renderMarkdown, renderTerminal } from '../report/render.ts';
import { wordDiff } from '../text/diff.ts';

const seed = sharedFolder('corpus', 'cecot');
const cecot = seed.path;

describe.skipIf(!seed.present)('compare on the five seed reports', async () => {
  // vitest runs a skipped suite's body to list its tests, so the body must not read an absent folder.
  const files = seed.present ? readdirSync(cecot).sort().map((f) => path.join(cecot, f)) : [];
  const c = files.length ? await compareInputs(files) : null!;
  const src = (prefix: string) => c.sources.find((s) => s.id.startsWith(prefix))!.id;
  const sourcesOf = (xs: { source: string }[]) => [...new Set(xs.map((x) => x.source.slice(0, 3)))].sort();

  it('keeps each input path exactly as given', () => {
    expect(c.sources.map((s) => s.input)).toEqual(files);
  });

  it('does not say three outlets leave out a detail of the Bukele meeting that is only the word "met" (they say "meeting")', () => {
    const meeting = c.facts.find((f) => !f.detailOf && /Bukele/.test(f.text) && f.sources.length === 5)!;
    expect(meeting).toBeDefined();
    expect(c.facts.filter((f) => f.detailOf === meeting.id).flatMap((f) => f.detailWords ?? [])).not.toContain('met');
  });

  it('finds the 15,000-inmate figure shared by three outlets, consistent', () => {
    const line = c.conflicts.find((n) => n.values.some((v) => /15,000/.test(v.text)))!;
    expect(sourcesOf(line.values)).toEqual(['000', '001', '002']);
    expect(line.consistent).toBe(true);
  });

  it('gives the 40,000 capacity as one outlet’s figure only', () => {
    const lines = c.numbers.filter((n) => n.values.some((v) => /40,000/.test(v.text)));
    expect(lines).toHaveLength(1);
    expect(sourcesOf(lines[0]!.values)).toEqual(['001']);
  });

  it('puts the per-cell figures side by side as consistent', () => {
    const line = c.conflicts.find((n) => n.values.some((v) => v.text === '65 to 70'))!;
    expect(line.values.map((v) => v.text).sort()).toEqual(['65 to 70', 'up to 70']);
    expect(line.consistent).toBe(true);
  });

  it('lines up 250 deported with "hundreds recently deported" without calling it a conflict', () => {
    const line = c.conflicts.find((n) => n.values.some((v) => v.text === 'hundreds'))!;
    expect(line.values.map((v) => v.text).sort()).toEqual(['250', 'hundreds']);
    expect(line.consistent).toBe(true);
  });

  it('matches “LEAVE NOW” across two outlets and gives it to Noem', () => {
    const q = c.quotes.find((x) => x.text.includes('LEAVE NOW'))!;
    expect(sourcesOf(q.variants)).toEqual(['001', '004']);
    expect(q.speaker).toBe('Kristi Noem');
    expect(q.flags).not.toContain('speaker-mismatch');
  });

  it('matches the justice minister’s quote in two outlets', () => {
    const q = c.quotes.find((x) => x.text.includes('No one expects that these people'))!;
    expect(sourcesOf(q.variants)).toEqual(['000', '004']);
    expect(q.speaker).toMatch(/Villatoro/);
  });

  it('shows the two wordings of “do not come to our country illegally”', () => {
    const q = c.quotes.find((x) => /do not come to our country illegally/i.test(x.text))!;
    expect(sourcesOf(q.variants)).toEqual(['003', '004']);
    expect(q.flags).toContain('wording-differs');
    const [a, b] = q.variants.map((v) => v.text);
    expect(a).not.toBe(b);
    expect(q.variants.find((v) => v.source.startsWith('003'))!.text).toContain('removed, and you will be prosecuted');
    expect(q.variants.find((v) => v.source.startsWith('004'))!.text).toContain('removed and you will be prosecuted');
  });

  it('reports the unsupported gang ties as one outlet’s fact', () => {
    const f = c.facts.find((x) => x.support.some((s) => s.text.includes('has not provided evidence linking them to gangs')))!;
    expect(f.sources).toEqual([src('004')]);
    expect(c.unique).toContain(f.id);
  });

  it('shows 000 with the most loaded language and opinion', () => {
    const top = (key: 'loadedPer1k' | 'opinionShare') => [...c.sources].sort((a, b) => b.scores[key] - a.scores[key])[0]!.id;
    expect(top('loadedPer1k')).toBe(src('000'));
    expect(top('opinionShare')).toBe(src('000'));
  });

  it('opens the brief with the visit every outlet reports, citing all five, and only source sentences', () => {
    expect(c.brief[0]!.sources).toHaveLength(5);
    expect(c.brief[0]!.text).toMatch(/Noem/);
    const allSentences = new Set(c.facts.flatMap((f) => f.support.map((s) => s.text)));
    for (const b of c.brief.filter((x) => x.facts?.length)) expect(allSentences.has(b.text)).toBe(true);
  });
});

describe('compare on articles we wrote', () => {
  const base = {
    title: null,
    published: null,
  };
  const c = compareTexts([
    {
      ...base,
      id: 'a',
      input: 'a.txt',
      outlet: 'Harbour Gazette',
      text: 'Storm floods in Eastport forced about 300 residents from their homes on Tuesday. Mayor Ines Falk said the harbour wall failed. “We were not ready for water this high,” Falk said.',
    },
    {
      ...base,
      id: 'b',
      input: 'b.txt',
      outlet: 'Coast Daily',
      text: 'More than 450 residents of Eastport were evacuated on Tuesday after storm floods breached the harbour wall. “We were simply not ready for water this high,” said Mayor Ines Falk. The council will meet on Friday.',
    },
  ]);

  it('flags a figure that disagrees', () => {
    const line = c.conflicts.find((n) => n.values.some((v) => /300/.test(v.text)))!;
    expect(line.values.map((v) => v.text).sort()).toEqual(['More than 450', 'about 300']);
    expect(line.consistent).toBe(false);
  });

  it('matches a quote worded differently and marks the difference', () => {
    const q = c.quotes[0]!;
    expect(q.sources).toEqual(['Harbour Gazette', 'Coast Daily']);
    expect(q.flags).toContain('wording-differs');
    expect(wordDiff(q.variants[0]!.text, q.variants[1]!.text).filter((w) => w.op === 'added').map((w) => w.text)).toContain('simply');
  });

  it('does not make one fact of two sentences that share only who said them', () => {
    const filler = 'Rain fell across the northern coast for most of the week. Ferry crossings were cancelled twice on Monday. The harbour cafe stayed open late for stranded travellers.';
    const d = compareTexts([
      { ...base, id: 'a', input: 'a.txt', outlet: 'Harbour Gazette', text: `${filler} Mayor Ines Falk said the council had approved new fees for parking near the pier.` },
      { ...base, id: 'b', input: 'b.txt', outlet: 'Coast Daily', text: `${filler.replace('Rain fell', 'Heavy rain fell')} “We were simply not ready for water this high,” said Mayor Ines Falk on the quay.` },
    ]);
    const falk = d.facts.filter((f) => f.support.some((x) => /Falk/.test(x.text)));
    expect(falk.map((f) => f.sources.length)).toEqual([1, 1]);
  });

  it('escapes article text in the HTML report', () => {
    const evil = compareTexts([
      { ...base, id: 'x', input: 'x.html', outlet: 'X <script>alert(1)</script>', text: 'The port <script>window.pwned=1</script> reopened on Monday after repairs costing 2 million euros. <img src=x onerror="alert(1)"> Officials said so.' },
      { ...base, id: 'y', input: 'y.html', outlet: 'Y', text: 'The port reopened on Monday after repairs costing 2 million euros. <a href="javascript:alert(1)">link</a> Officials said so.' },
    ]);
    const html = renderHtml(evil);
    expect(html).not.toMatch(/<script>|<img |onerror="|href="javascript:/i);
    expect(html).toContain('&lt;script&gt;');
    expect(html).toContain("script-src 'none'");
  });
});

describe('omissions are findings with evidence', () => {
  const base = { title: null, published: null };
  // Three reports of one (invented) event. Gazette and Daily both report the new ferry timetable in
  // nearly the same words; Courier reports it in other words; Courier alone says nothing of the
  // pier repairs that the other two report.
  const reports = [
    {
      ...base,
      id: 'g',
      input: 'g.txt',
      outlet: 'Gazette',
      text: 'The Skerry ferry company will add three evening crossings to its winter timetable from 4 November, its director Lena Borg said on Monday. Repairs to the damaged north pier will close the Skerry landing for two weeks in January. Fares stay at 12 euros for adults.',
    },
    {
      ...base,
      id: 'd',
      input: 'd.txt',
      outlet: 'Daily',
      text: 'Three evening crossings will be added to the Skerry ferry winter timetable from 4 November, director Lena Borg announced on Monday. The Skerry landing will close for two weeks in January while the damaged north pier is repaired. Island shops welcomed the later sailings.',
    },
    {
      ...base,
      id: 'c',
      input: 'c.txt',
      outlet: 'Courier',
      text: 'Islanders will get later boats this winter: from 4 November the ferry company adds three crossings each evening to the Skerry timetable, Lena Borg told reporters. Fishermen on the island say the harbour needs dredging. The crossing takes forty minutes.',
    },
  ];
  const c = compareTexts(reports);
  const omitted = (source: string) => c.omissions.find((o) => o.source === source)!;
  const factAbout = (pattern: RegExp) => c.facts.find((f) => f.sources.length > 1 && pattern.test(f.text));

  it('links the same fact told in other words across outlets', () => {
    expect(factAbout(/crossings/)?.sources).toEqual(expect.arrayContaining(['Gazette', 'Daily', 'Courier']));
  });

  it('says an outlet leaves out a fact only when nothing it says comes close, and shows its closest sentence', () => {
    const pier = factAbout(/pier/)!;
    expect(pier.sources.sort()).toEqual(['Daily', 'Gazette']);
    expect(omitted('Courier').facts).toContain(pier.id);
    const evidence = omitted('Courier').evidence!.find((e) => e.fact === pier.id)!;
    expect(evidence.leaves).toBe('fact');
    expect(evidence.score).toBeLessThan(0.2);
    expect(omitted('Gazette').facts).toEqual([]);
    expect(omitted('Daily').facts).toEqual([]);
  });

  it('shows why sentences are one fact: the link, the shared words with their weight, figures and verbatim runs', () => {
    const crossings = factAbout(/crossings/)!;
    const link = crossings.links!.find((l) => l.sources.includes('Gazette') && l.sources.includes('Daily'))!;
    expect(link.probability).toBeGreaterThan(0.3);
    expect(link.words.map((w) => w.word)).toEqual(expect.arrayContaining(['crossing', 'timetable']));
    expect(link.numbers).toContain('4');
    expect(link.measures.map((m) => m.name)).toContain('cosine');
    // Each further outlet's sentence is linked to the sentence that states the fact, with the closeness its support shows.
    const stater = crossings.support.find((x) => x.text === crossings.text)!.source;
    for (const l of crossings.links!) {
      expect(l.sources[1]).toBe(stater);
      expect(l.closeness).toBe(crossings.support.find((x) => x.source === l.sources[0])!.closeness);
    }
    expect(crossings.links!.map((l) => l.sources[0]).sort()).toEqual(crossings.sources.filter((s) => s !== stater).sort());
    const text = renderTerminal(c, { width: 120, explain: true });
    expect(text).toMatch(/WHY THESE SENTENCES ARE ONE FACT/);
    expect(text).toMatch(/(?:Gazette → Daily|Daily → Gazette) {2}\d\.\d\d · closeness \d\.\d of 5, (the same meaning|overlapping) {2}words .*crossing/);
  });

  it('leaves the explanations out when asked, and nothing else', () => {
    // (Made again: other tests here sort the shared comparison's lists in place.)
    const [explained, plain] = [compareTexts(reports), compareTexts(reports, { explain: false })];
    expect(explained.facts.some((f) => f.links?.length)).toBe(true);
    expect(plain.facts.some((f) => f.links)).toBe(false);
    const withoutLinks = (x: typeof c) => JSON.stringify({ ...x, facts: x.facts.map(({ links: _links, ...f }) => f) });
    expect(withoutLinks(plain)).toBe(withoutLinks(explained));
  });

  it('prints the closest sentence beside each omission in every format', () => {
    const md = renderMarkdown(c);
    expect(md).toMatch(/\*\*Courier\*\* leaves out: f\d/);
    expect(md).toMatch(/closest in Courier \(0\.\d\d\)/);
    expect(renderTerminal(c, { width: 100 })).toMatch(/Courier leaves out f\d/);
    expect(renderHtml(c)).toMatch(/closest sentence here/);
  });
});

describe('facts are claims, not sentences', () => {
  const item = (id: string, outlet: string, text: string) => ({ id, input: `${id}.txt`, outlet, title: null, published: null, text });
  // One outlet tells two things in one sentence; each of the others tells one of them.
  const c = compareTexts([
    item('a', 'Harbour Gazette', 'The harbour board voted on Tuesday to close the north quay for repairs, and the ferry company said it would add two evening crossings from the south pier. Fishermen were not consulted.'),
    item('b', 'Coast Daily', 'The harbour board voted on Tuesday to close the north quay for repairs. Island shops expect fewer visitors.'),
    item('c', 'Island Post', 'The ferry company will add two evening crossings from the south pier while the quay is shut. Tickets go on sale on Friday.'),
  ]);
  const both = /voted on Tuesday .* evening crossings/;

  it('puts a sentence that states two facts in both, each with the outlet that shares it', () => {
    const withA = c.facts.filter((f) => f.support.some((s) => s.source === 'Harbour Gazette' && both.test(s.text)));
    const partners = withA.filter((f) => f.sources.length === 2).map((f) => f.sources.filter((s) => s !== 'Harbour Gazette')[0]);
    expect(partners.sort()).toEqual(['Coast Daily', 'Island Post']);
  });

  it('says an outlet leaves out a detail, not the fact, when it tells the rest of it', () => {
    const vote = c.facts.find((f) => f.detailOf && f.sources.includes('Coast Daily'))!;
    expect([...vote.sources].sort()).toEqual(['Coast Daily', 'Harbour Gazette']);
    const post = c.omissions.find((o) => o.source === 'Island Post')!;
    expect(post.evidence?.find((e) => e.fact === vote.id)?.leaves).toBe('detail');
    expect(post.facts).not.toContain(vote.id);
    // The detail names what it adds: words both its outlets give and the other never uses.
    expect(vote.detailWords).toEqual(expect.arrayContaining(['harbour', 'voted']));
    expect(vote.detailWords).not.toContain('ferry');
    expect(renderTerminal(c, { width: 200 })).toContain(`Island Post reports ${vote.detailOf} without the detail ${vote.id} (${vote.detailWords!.join(', ')}) that Harbour Gazette and Coast Daily give`);
    // A detail repeats its fact's sentences: the brief does not state it again.
    expect(c.brief.some((b) => b.facts?.includes(vote.id))).toBe(false);
  });
});

describe('a statement is speaker and gist', () => {
  const item = (id: string, outlet: string, text: string) => ({ id, input: `${id}.txt`, outlet, title: null, published: null, text });
  const opening = 'The harbour board voted on Tuesday to close the north quay for repairs.';
  const rest = 'Ferries will use the south pier until the spring. Island shops expect fewer visitors in the weeks ahead. The fishing fleet will moor at Skerry instead. Tickets for the evening crossings go on sale on Friday. A public meeting is planned for next month. The board last repaired the quay in 1998. Divers inspected the foundations in August. Insurers have asked for a full survey.';
  const story = (last: string) =>
    compareTexts([
      item('a', 'Harbour Gazette', `${opening} “We cannot keep patching a wall that is falling into the sea,” Mayor Ines Falk said after the vote.`),
      item('b', 'Coast Daily', `${opening} “We cannot keep patching a wall that is falling into the sea,” Mayor Ines Falk told reporters.`),
      item('c', 'Island Post', `${opening} Mayor Ines Falk chaired the meeting. ${rest} ${last}`),
    ]);

  it('does not accuse an outlet of leaving out a quote it reports in its own words', () => {
    const c = story('Falk, for her part, argued that the old wall was beyond saving.');
    const quote = c.facts.find((f) => /patching a wall/.test(f.text))!;
    const post = c.omissions.find((o) => o.source === 'Island Post')!;
    expect(post.facts).not.toContain(quote.id);
    const ev = post.evidence!.find((e) => e.fact === quote.id)!;
    expect(ev).toMatchObject({ leaves: 'detail', speaker: 'Ines Falk', closest: 'Falk, for her part, argued that the old wall was beyond saving.' });
    expect(renderTerminal(c, { width: 200 })).toContain(`Island Post may tell ${quote.id} in other words: it too gives Ines Falk's words`);
  });

  it('still says it leaves the quote out when the same person speaks of something else', () => {
    const c = story('Falk, for her part, opened the new library on Monday.');
    const quote = c.facts.find((f) => /patching a wall/.test(f.text))!;
    expect(c.omissions.find((o) => o.source === 'Island Post')!.facts).toContain(quote.id);
  });
});

describe('an omission needs nothing close in the whole outlet', () => {
  const item = (id: string, outlet: string, text: string) => ({ id, input: `${id}.txt`, outlet, title: null, published: null, text });
  const opening = 'The harbour board voted on Tuesday to close the north quay for repairs.';
  const rest = 'Ferries will use the south pier until the spring. Island shops expect fewer visitors in the weeks ahead. The fishing fleet will moor at Skerry instead. Tickets for the evening crossings go on sale on Friday.';
  const challenge = 'Councillor Mira Holt is expected to announce on Thursday that she will challenge Mayor Ines Falk in the spring election.';
  const story = (third: string) =>
    compareTexts([
      item('a', 'Harbour Gazette', `${opening} ${challenge} ${rest}`),
      item('b', 'Coast Daily', `${opening} ${challenge.replace('is expected to announce on Thursday that she', 'will say on Thursday that she')} ${rest}`),
      item('c', 'Island Post', `${opening} ${rest} ${third}`),
    ]);

  it('does not accuse an outlet that names the same people in a sentence of its own words', () => {
    const c = story('Among those who may stand are Mira Holt, Tomas Berg and Ines Falk herself.');
    const fact = c.facts.find((f) => /Mira Holt/.test(f.text) && f.sources.length === 2)!;
    expect(fact.confidence).toBeGreaterThanOrEqual(0.6);
    const post = c.omissions.find((o) => o.source === 'Island Post')!;
    expect(post.facts).not.toContain(fact.id);
    const ev = post.evidence!.find((e) => e.fact === fact.id)!;
    expect(ev).toMatchObject({ leaves: 'detail', closest: 'Among those who may stand are Mira Holt, Tomas Berg and Ines Falk herself.' });
    // And which of the fact's sentences it comes nearest to, in every format: the reader sees what it was held against.
    expect(ev.nearest?.text).toMatch(/challenge Mayor Ines Falk/);
    expect(['Harbour Gazette', 'Coast Daily']).toContain(ev.nearest?.source);
    expect(renderTerminal(c, { width: 200 })).toContain(`nearest to ${ev.nearest!.source}: ${ev.nearest!.text}`);
    expect(renderMarkdown(c)).toContain(`nearest to ${ev.nearest!.source}: ${ev.nearest!.text}`);
    expect(renderHtml(c)).toContain(`nearest to ${ev.nearest!.source}’s “`);
  });

  it('still accuses it when those names are only who speaks', () => {
    const c = story('“The quay has served us well,” Mayor Ines Falk said at the harbour.');
    const fact = c.facts.find((f) => /Mira Holt/.test(f.text) && f.sources.length === 2)!;
    expect(c.omissions.find((o) => o.source === 'Island Post')!.facts).toContain(fact.id);
  });
});

describe.skipIf(!seed.present)('the seed reports read as distinct facts', async () => {
  const files = seed.present ? readdirSync(cecot).sort().map((f) => path.join(cecot, f)) : [];
  const c = files.length ? await compareInputs(files) : null!;

  it('states no two facts in the same sentence, and names what each detail adds', () => {
    const texts = c.facts.filter((f) => !f.detailOf).map((f) => f.text);
    expect(new Set(texts).size).toBe(texts.length);
    for (const d of c.facts.filter((f) => f.detailOf)) {
      expect(d.detailWords?.length).toBeGreaterThan(0);
      expect(c.facts.some((f) => f.id === d.detailOf)).toBe(true);
    }
  });
});

describe('"most outlets", defined once', () => {
  it('is more than half of them, at least two and at most all: what consensus and omissions both count', () => {
    expect([1, 2, 3, 4, 5, 6, 20].map((n) => mostOutlets(n))).toEqual([1, 2, 2, 3, 3, 4, 11]);
  });

  it('never says an outlet leaves out what only half the outlets report', () => {
    const shared = 'The harbour board voted on Tuesday to close the north pier for repairs costing 4 million euros.';
    const texts = [
      `${shared} The mayor welcomed the decision.`,
      `${shared} Fishermen said they would lose a season.`,
      'The town council met on Monday to discuss the school budget and the new library hours.',
      'A storm is expected on the coast this weekend, forecasters said, with winds of 90 kilometres an hour.',
    ];
    const c = compareTexts(texts.map((text, i) => ({ id: `a${i}`, input: `a${i}.txt`, outlet: `Outlet ${i}`, title: null, published: null, text })));
    const pier = c.facts.find((f) => f.text.includes('north pier'));
    expect(pier?.sources).toEqual(['Outlet 0', 'Outlet 1']);
    expect(c.consensus).not.toContain(pier!.id);
    expect(c.omissions.flatMap((o) => o.facts)).not.toContain(pier!.id);
  });
});

describe('conflicts only between the same thing', () => {
  const compare = (texts: string[], published: string | null = '2026-03-07') =>
    compareTexts(texts.map((text, i) => ({ id: `a${i}`, input: `a${i}.txt`, outlet: `Outlet ${i}`, title: null, published, text })));

  it('does not set two groups against each other when the outlets name different members', () => {
    const c = compare([
      'Three councillors on the harbour committee, Ann Driver, Paul Stone and Mia Wells, asked the mayor to stop the sale of the pier.',
      'Two councillors on the harbour committee, Tom Hale and Rita Quinn, asked the mayor to stop the sale of the pier on Thursday.',
    ]);
    expect(c.conflicts.filter((x) => !x.consistent)).toEqual([]);
  });

  it('says when two outlets date the same event differently, citing both sentences', () => {
    const c = compare([
      'The harbour master apologized on Friday for the closure notice, which gave fishermen one day to move their boats.',
      'The harbour master apologized Saturday for the closure notice that gave fishermen a day to move their boats.',
    ]);
    const dates = c.conflicts.filter((x) => !x.consistent);
    expect(dates).toHaveLength(1);
    expect(dates[0]!.about).toContain('apolog');
    expect(dates[0]!.values.map((v) => [v.source, v.text])).toEqual([
      ['Outlet 0', 'on Friday'],
      ['Outlet 1', 'Saturday'],
    ]);
  });

  it('does not call dates of different events, or of the telling, a conflict', () => {
    const c = compare([
      'The harbour master said on Friday that the closure notice gave fishermen one day to move their boats.',
      'The harbour master said Saturday that the closure notice gave fishermen a day to move their boats.',
      'Fishermen met on Monday after the closure notice gave them one day to move their boats, the harbour master said.',
    ]);
    expect(c.conflicts.filter((x) => !x.consistent)).toEqual([]);
  });
});
