import { describe, expect, it } from 'vitest';
import { splitLines, type Line } from './limits.ts';

async function lines(chunks: string[], maxBytes: number): Promise<(string | number)[]> {
  const out: (string | number)[] = [];
  async function* source() {
    for (const c of chunks) yield Buffer.from(c);
  }
  for await (const line of splitLines(source(), maxBytes) as AsyncIterable<Line>) out.push('over' in line ? -line.n : `${line.n}:${line.bytes.toString()}`);
  return out;
}

describe('splitLines', () => {
  it('numbers lines as text.split("\\n") does, whatever the chunks', async () => {
    const text = 'ab\n\ncd\r\nef';
    const expected = text.split('\n').map((l, i) => `${i + 1}:${l}`);
    for (const chunks of [[text], text.split(''), ['ab\n', '\ncd', '\r\n', 'ef']]) expect(await lines(chunks, 100)).toEqual(expected);
    // Nothing after a last "\n" is no line.
    expect(await lines(['x\ny\n'], 100)).toEqual(['1:x', '2:y']);
  });

  it('drops a line over the cap, even one spread over many chunks, and goes on with the next', async () => {
    expect(await lines(['ok\n', 'abc', 'def', 'ghi', '\nnext\n', 'tail-too-long'], 5)).toEqual(['1:ok', -2, '3:next', -4]);
    // The cap is the line's length without its "\n": five bytes pass.
    expect(await lines(['12345\n123456\n'], 5)).toEqual(['1:12345', -2]);
  });
});
