/**
 * File names for downloads, made from a story's title. The title is someone else's text: it may
 * hold slashes, quotes, line breaks, direction controls or a name Windows keeps for devices, none
 * of which may reach a file name or break the Content-Disposition header.
 */

/** Longest name stem kept, in characters (file systems take 255 bytes; a title is no place for more). */
const MAX_STEM = 80;
/** Names Windows keeps for devices, whatever the extension. */
const RESERVED = /^(con|prn|aux|nul|com\d|lpt\d)$/i;

/** "Storm floods: Eastport's harbour wall gives way" → "storm-floods-eastport-s-harbour-wall-gives-way". */
function stem(text: string, ascii: boolean): string {
  let s = text.normalize('NFKD').replace(/\p{M}/gu, '');
  if (ascii) s = s.replace(/[^\x20-\x7e]/g, ' ');
  s = s
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '');
  if (s.length > MAX_STEM) {
    const cut = s.slice(0, MAX_STEM);
    const hyphen = cut.lastIndexOf('-');
    s = hyphen > MAX_STEM / 2 ? cut.slice(0, hyphen) : cut;
  }
  return RESERVED.test(s) ? `story-${s}` : s;
}

/**
 * The Content-Disposition of a download named after `title`, e.g.
 * `attachment; filename="storm-floods-in-eastport-facts.csv"; filename*=UTF-8''storm-floods-in-eastport-facts.csv`:
 * `filename` is plain ASCII for every client, `filename*` (RFC 6266, RFC 8187) keeps the title's
 * letters in other scripts for the clients that read it (every current browser). A title with no
 * letter or digit gives `story-<id>`.
 */
export function attachment(title: string | null | undefined, storyId: string, suffix: string): { header: string; fileName: string } {
  const fallback = `story-${stem(storyId, true) || 'export'}`;
  const ascii = `${stem(title ?? '', true) || fallback}${suffix}`;
  const utf8 = `${stem(title ?? '', false) || fallback}${suffix}`;
  // encodeURIComponent leaves ' ( ) * as they are; RFC 8187 wants them escaped (a stem has none, a suffix might).
  const encoded = encodeURIComponent(utf8).replace(/['()*]/g, (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`);
  return { header: `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`, fileName: utf8 };
}
