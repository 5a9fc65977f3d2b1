// Reading a list of people to invite, pasted from a spreadsheet, a CSV file or
// an address book, as pure rules: the service invites whoever this finds.
import { isEmail } from 'class-validator';

/** The most addresses one request may invite. */
export const INVITATION_LIST_LIMIT = 200;

/** One address found in a list, or a piece of it that is none, with where it was. */
export interface ListedAddress {
  /** From 1: the line of a pasted text, the position in an array. */
  line: number;
  /** What was read, as given (trimmed). */
  input: string;
  /** The address, lower-cased; null when `input` is not one. */
  email: string | null;
}

/** A header row of a spreadsheet or CSV file: no address in it, and a column named like one. */
const HEADER = /^(e-?mail|mail|address|courriel|adresse|adresse e-?mail)$/i;

/**
 * The addresses of a pasted list. Each line may hold one address or several,
 * alone or among other columns (a name, a title), separated by commas,
 * semicolons or tabs, quoted as in CSV, and written `Name <address>` as mail
 * programs copy them. Every field holding an `@` is an address to invite (or
 * an invalid one); a line holding none is reported as invalid, but for a
 * first line that names its columns, which is skipped.
 */
export function readInvitationList(text: string): ListedAddress[] {
  const found: ListedAddress[] = [];
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
  let seenContent = false;
  lines.forEach((raw, index) => {
    const line = raw.trim();
    if (!line) return;
    const fields = splitFields(line).flatMap(candidates);
    const withAt = fields.filter((f) => f.includes('@'));
    const first = !seenContent;
    seenContent = true;
    if (withAt.length === 0) {
      if (first && fields.some((f) => HEADER.test(f))) return;
      found.push({ line: index + 1, input: line, email: null });
      return;
    }
    for (const field of withAt) found.push({ line: index + 1, input: field, email: addressIn(field) });
  });
  return found;
}

/** The addresses of an array, one per item. */
export function listedAddresses(items: readonly string[]): ListedAddress[] {
  return items.map((item, index) => ({ line: index + 1, input: item.trim(), email: addressIn(item.trim()) }));
}

/** The address a field names (`ada@example.org`, `Ada <ada@example.org>`, `mailto:ada@example.org`), lower-cased, or null. */
export function addressIn(field: string): string | null {
  const angled = /<([^<>]*)>/.exec(field);
  const candidate = (angled ? angled[1] : field).trim().replace(/^mailto:/i, '').toLowerCase();
  // isEmail bounds the parts (64 before the @, 254 after), so an address fits the 320 characters stored.
  return isEmail(candidate) ? candidate : null;
}

/** A field holding several addresses separated by spaces (`a@x.org b@y.org`) is several fields. */
function candidates(field: string): string[] {
  if ((field.match(/@/g) ?? []).length < 2 || /<[^<>]*>/.test(field)) return [field];
  return field.split(/\s+/).filter(Boolean);
}

/** CSV fields of one line: separated by `,`, `;` or a tab outside double quotes; `""` is a quote inside them. */
function splitFields(line: string): string[] {
  const fields: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',' || c === ';' || c === '\t') {
      fields.push(field.trim());
      field = '';
    } else field += c;
  }
  fields.push(field.trim());
  return fields.filter(Boolean);
}
