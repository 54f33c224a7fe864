/**
 * Reading a draft from disk: UTF-8 only, BOM kept (the core strips it, and `--fix` must
 * write it back). A file that cannot be read yields a message naming it, never an exception.
 */
import { readFileSync } from 'node:fs';

export type ReadResult = { text: string } | { error: string };

const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

export function readDraft(displayPath: string, abs: string, what = ''): ReadResult {
  let bytes: Buffer;
  try {
    bytes = readFileSync(abs);
  } catch (e) {
    return { error: `cannot read ${what}"${displayPath}": ${describeFsError(e)}` };
  }
  if (bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))) {
    return { error: `cannot read ${what}"${displayPath}": the file is UTF-16; save it as UTF-8` };
  }
  try {
    return { text: decoder.decode(bytes) };
  } catch {
    const at = firstInvalidUtf8(bytes);
    const line = at < 0 ? 0 : countLines(bytes, at);
    return { error: `cannot read ${what}"${displayPath}": not valid UTF-8 (first bad byte on line ${line + 1}); save it as UTF-8` };
  }
}

export function describeFsError(e: unknown): string {
  const code = (e as NodeJS.ErrnoException)?.code;
  switch (code) {
    case 'ENOENT': return 'no such file or directory';
    case 'EISDIR': return 'it is a directory, not a file';
    case 'EACCES': case 'EPERM': return 'permission denied';
    default: return (e as Error)?.message ?? String(e);
  }
}

/** Offset of the first byte that breaks UTF-8, or -1. */
function firstInvalidUtf8(b: Uint8Array): number {
  let i = 0;
  while (i < b.length) {
    const c = b[i];
    let n = 0, min = 0;
    if (c < 0x80) { i++; continue; }
    if (c >= 0xc2 && c <= 0xdf) { n = 1; min = 0x80; }
    else if (c >= 0xe0 && c <= 0xef) { n = 2; min = 0x800; }
    else if (c >= 0xf0 && c <= 0xf4) { n = 3; min = 0x10000; }
    else return i;
    let cp = c & (0x3f >> n);
    for (let k = 1; k <= n; k++) {
      const d = b[i + k];
      if (d === undefined || (d & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (d & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += n + 1;
  }
  return -1;
}

function countLines(b: Uint8Array, end: number): number {
  let n = 0;
  for (let i = 0; i < end; i++) if (b[i] === 10) n++;
  return n;
}
