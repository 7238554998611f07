/**
 * Bytes → text. The charset comes from a byte-order mark, then the HTTP Content-Type, then an
 * HTML/XML declaration; without one, UTF-8 is tried strictly and, when that fails, the text is
 * decoded with replacement characters and a warning (nothing is silently mangled). A declared
 * charset that yields many replacement characters is wrong: the warning names a better one.
 */
export function decodeText(bytes: Buffer, contentType: string | null, warn: (message: string) => void): { text: string; charset: string } {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { text: decode(bytes.subarray(3), 'utf-8'), charset: 'utf-8' };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: decode(bytes.subarray(2), 'utf-16le'), charset: 'utf-16le' };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { text: decode(bytes.subarray(2), 'utf-16be'), charset: 'utf-16be' };

  const head = bytes.subarray(0, 4096).toString('latin1');
  const declared =
    /charset=["']?([\w.:-]+)/i.exec(contentType ?? '')?.[1] ??
    /<meta[^>]+charset=["']?([\w.:-]+)/i.exec(head)?.[1] ??
    /<\?xml[^>]+encoding=["']([\w.:-]+)/i.exec(head)?.[1];
  if (declared) {
    const label = declared.toLowerCase();
    let text: string | null = null;
    try {
      text = decode(bytes, label);
    } catch {
      warn(`declares the unknown charset "${declared}"; read as UTF-8 instead`);
    }
    if (text !== null) {
      const bad = countReplacements(text);
      if (bad < MANY_REPLACEMENTS) return { text, charset: label };
      // Strict UTF-8 that decodes cleanly is no accident: trust it over the declaration.
      const utf8 = strictUtf8(bytes);
      if (utf8 !== null) {
        warn(`declares the charset "${declared}" but is UTF-8 (${bad} characters could not be read as ${declared}); read as UTF-8 — fix the declaration`);
        return { text: utf8, charset: 'utf-8' };
      }
      warn(
        `declares the charset "${declared}" but ${bad} characters could not be read as ${declared} (shown as �); it is probably windows-1252 (or another single-byte charset such as iso-8859-2) — re-save it as UTF-8 or fix the declaration`,
      );
      return { text, charset: label };
    }
  }
  const utf8 = strictUtf8(bytes);
  if (utf8 !== null) return { text: utf8, charset: 'utf-8' };
  warn('is not valid UTF-8 and declares no charset; decoded with replacement characters (�) — save it as UTF-8 or add a charset');
  return { text: decode(bytes, 'utf-8'), charset: 'utf-8' };
}

/** Replacement characters past which a declared charset is reported as wrong. */
const MANY_REPLACEMENTS = 10;

function countReplacements(text: string): number {
  let n = 0;
  for (let i = text.indexOf('\uFFFD'); i !== -1; i = text.indexOf('\uFFFD', i + 1)) n++;
  return n;
}

function strictUtf8(bytes: Uint8Array): string | null {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}

/**
 * windows-1252's characters for bytes 0x80–0x9F (the five bytes it leaves undefined keep their C1
 * code point, as the WHATWG Encoding standard says).
 */
const CP1252_80_9F = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008DŽ\u008F\u0090‘’“”•–—˜™š›œ\u009DžŸ';

function decode(bytes: Uint8Array, label: string): string {
  const decoder = new TextDecoder(label);
  // Node 20's TextDecoder resolves windows-1252, latin1, iso-8859-1, ascii and their aliases to
  // "windows-1252" but decodes them as ISO-8859-1, so 0x80–0x9F come out as C1 control
  // characters instead of € ’ “ ” —. Every byte of the rest is its own code point.
  if (decoder.encoding !== 'windows-1252') return decoder.decode(bytes);
  let out = '';
  for (let start = 0; start < bytes.length; start += 8192) {
    const chunk = bytes.subarray(start, start + 8192);
    const codes = new Array<number>(chunk.length);
    for (let i = 0; i < chunk.length; i++) {
      const b = chunk[i]!;
      codes[i] = b >= 0x80 && b <= 0x9f ? CP1252_80_9F.charCodeAt(b - 0x80) : b;
    }
    out += String.fromCharCode(...codes);
  }
  return out;
}
