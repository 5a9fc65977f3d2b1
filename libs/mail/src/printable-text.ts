/** C0 and C1 controls, DEL, Unicode's line separators and the bidirectional embeddings, overrides and isolates. */
// eslint-disable-next-line no-control-regex -- control characters are what this matches
const UNPRINTABLE = /[\u0000-\u001F\u007F-\u009F\u2028\u2029\u202A-\u202E\u2066-\u2069]/g;
// eslint-disable-next-line no-control-regex -- control characters are what this matches
const UNPRINTABLE_BUT_LF_AND_TAB = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u2028\u2029\u202A-\u202E\u2066-\u2069]/g;

const NAMED: Record<string, string> = { '\r': '\\r', '\n': '\\n', '\t': '\\t' };

function escaped(char: string): string {
  return NAMED[char] ?? `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`;
}

/**
 * A header value (a recipient, a subject) as it may be printed on one line:
 * every control, line break and bidirectional override written as an escape
 * (`\r`, `\n`, `\u202e`), so that a value can neither start a line of its own
 * in a log nor change how the line reads.
 */
export function printableLine(text: string): string {
  return text.replace(UNPRINTABLE, escaped);
}

/** A mail's text as it may be printed: its line breaks and tabs kept, every other control escaped (a terminal's escape sequences included). */
export function printableText(text: string): string {
  return text.replace(/\r\n/g, '\n').replace(UNPRINTABLE_BUT_LF_AND_TAB, escaped);
}
