/**
 * Bytes → text. The charset comes from a byte-order mark, then the HTTP Content-Type, then an
 * HTML/XML declaration; without one, UTF-8 is tried strictly and, when that fails, the text is
 * decoded with replacement characters and a warning (nothing is silently mangled).
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
    try {
      return { text: new TextDecoder(label).decode(bytes), charset: label };
    } catch {
      warn(`declares the unknown charset "${declared}"; read as UTF-8 instead`);
    }
  }
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), charset: 'utf-8' };
  } catch {
    warn('is not valid UTF-8 and declares no charset; decoded with replacement characters (�) — save it as UTF-8 or add a charset');
    return { text: decode(bytes, 'utf-8'), charset: 'utf-8' };
  }
}

function decode(bytes: Uint8Array, label: string): string {
  return new TextDecoder(label).decode(bytes);
}
