import { describe, expect, it } from 'vitest';
import { parseRecords, type RecordItem } from './index.ts';

const all = (items: Iterable<RecordItem>) => [...items];
const records = (items: RecordItem[]) => items.flatMap((i) => ('record' in i ? [i.record] : []));

describe('parseRecords', () => {
  it('finds the records inside a JSON object under "articles", "items", "records" or "data"', () => {
    const text = JSON.stringify({ source: 'export', articles: [{ id: 1, headline: 'Quay reopens', articleBody: 'The north quay reopened on Friday.', link: 'https://quay.example/1' }] });
    expect(records(all(parseRecords('dump.json', text, 'json')))).toEqual([
      expect.objectContaining({ id: '1', title: 'Quay reopens', text: 'The north quay reopened on Friday.', url: 'https://quay.example/1' }),
    ]);
  });

  it('reads dates as ISO 8601: day-only dates stay day-only, Unix seconds and RFC 2822 become timestamps, nonsense becomes null', () => {
    const lines = [
      { text: 'a', published: '2025-03-03' },
      { text: 'b', date: '1741000000' },
      { text: 'c', pubDate: 'Mon, 03 Mar 2025 10:00:00 GMT' },
      { text: 'd', date: 'last Tuesday-ish' },
    ].map((r) => JSON.stringify(r));
    expect(records(all(parseRecords('d.jsonl', lines.join('\n'), 'jsonl'))).map((r) => r.published)).toEqual([
      '2025-03-03',
      '2025-03-03T11:06:40.000Z',
      '2025-03-03T10:00:00.000Z',
      null,
    ]);
  });

  it('joins author lists and takes the name of an author object', () => {
    const lines = [JSON.stringify({ text: 'a', authors: ['Ada Rask', 'Per Holm'] }), JSON.stringify({ text: 'b', author: { name: 'Lin Moe' } })];
    expect(records(all(parseRecords('a.jsonl', lines.join('\n'), 'jsonl'))).map((r) => r.byline)).toEqual(['Ada Rask, Per Holm', 'Lin Moe']);
  });

  it('says which record is not an object, and which CSV record cannot be read', () => {
    const [bad] = all(parseRecords('list.json', '["just a string"]', 'json'));
    expect(bad).toMatchObject({ input: 'list.json:1', error: { code: 'bad-input', message: expect.stringContaining('list.json:1 is not a JSON object') } });
    const [csv] = all(parseRecords('broken.csv', 'id,text\n1,"unclosed quote\n', 'csv'));
    expect(csv).toMatchObject({ input: 'broken.csv:2', error: { message: expect.stringMatching(/record at line 2 of broken\.csv is malformed \(Quote Not Closed/) } });
  });

  it('skips a CSV record with a bad quote, naming its line, and keeps the records after it', () => {
    const rows = ['id,text', '1,"The quay reopened on Friday."', '2,"a stray "quote" inside"', '3,he said "no" twice', '4,"The ferry runs ""hourly"" again,', 'now on two lines."', '5,The bridge is shut.'];
    const items = all(parseRecords('export.csv', rows.join('\n') + '\n', 'csv'));
    expect(items.map((i) => ('error' in i ? `skip ${i.input}` : `${i.input} ${i.record.id}`))).toEqual([
      'export.csv:2 1',
      'skip export.csv:3',
      'skip export.csv:4',
      'export.csv:5 4',
      'export.csv:7 5',
    ]);
    expect(items.flatMap((i) => ('error' in i ? [i.error.message] : []))[0]).toMatch(/^ingest: the CSV record at line 3 of export\.csv is malformed \(Invalid Closing Quote.*\); skipped/);
  });

  it('a CSV without a text column yields one clear error per row', () => {
    const items = all(parseRecords('no-text.csv', 'id,title\n1,Quay reopens\n2,Bridge shut\n', 'csv'));
    expect(items.map((i) => ('error' in i ? i.input : 'ok'))).toEqual(['no-text.csv:2', 'no-text.csv:3']);
  });
});
