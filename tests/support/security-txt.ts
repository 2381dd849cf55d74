// A reader for security.txt written from RFC 9116 section 4 (ABNF) and section 2.5, for tests.
// It shares no code with the writer: it checks the grammar and the field rules on its own.

export interface SecurityTxt {
  fields: { name: string; value: string }[];
  get(name: string): string[];
}

const KNOWN = [
  'acknowledgments',
  'canonical',
  'contact',
  'encryption',
  'expires',
  'hiring',
  'policy',
  'preferred-languages',
  'csaf',
];
/** Fields that may appear at most once (RFC 9116 sections 2.5.3, 2.5.5 and 2.5.8). */
const ONCE = ['expires', 'preferred-languages'];
const URI_FIELDS = ['acknowledgments', 'canonical', 'contact', 'encryption', 'hiring', 'policy', 'csaf'];

/** Parses and validates; throws with the line and the rule broken. */
export function parseSecurityTxt(text: string): SecurityTxt {
  if (!text.endsWith('\n')) throw new Error('the file must end with a line break');
  const fields: { name: string; value: string }[] = [];
  text
    .slice(0, -1)
    .split(/\r?\n/)
    .forEach((line, index) => {
      const at = `line ${index + 1}`;
      if (line === '' || line.startsWith('#')) return;
      // field = field-name ":" [WSP] unstructured ; field-name = 1*(%x21-39 / %x3B-7E)
      const match = /^([\x21-\x39\x3B-\x7E]+):[ \t]?(.*)$/.exec(line);
      if (!match?.[1] || match[2] === undefined) throw new Error(`${at}: not "Name: value": ${line}`);
      const name = match[1].toLowerCase();
      const value = match[2].trim();
      if (!KNOWN.includes(name)) throw new Error(`${at}: unknown field ${match[1]}`);
      if (value === '') throw new Error(`${at}: ${match[1]} is empty`);
      if (URI_FIELDS.includes(name)) {
        const url = new URL(value);
        if (name !== 'contact' && url.protocol !== 'https:')
          throw new Error(`${at}: ${match[1]} must be an https URI`);
        if (name === 'contact' && !['https:', 'mailto:', 'tel:'].includes(url.protocol))
          throw new Error(`${at}: Contact must be an https, mailto or tel URI`);
      }
      if (
        name === 'expires' &&
        !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})$/.test(value)
      )
        throw new Error(`${at}: Expires must be an RFC 3339 date-time`);
      if (
        name === 'preferred-languages' &&
        !value.split(',').every((tag) => /^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$/.test(tag.trim()))
      )
        throw new Error(`${at}: Preferred-Languages must be comma-separated language tags`);
      fields.push({ name, value });
    });
  const count = (name: string) => fields.filter((f) => f.name === name).length;
  if (count('contact') === 0) throw new Error('Contact is required (RFC 9116 section 2.5.3)');
  if (count('expires') !== 1) throw new Error('Expires is required exactly once (RFC 9116 section 2.5.5)');
  for (const name of ONCE) if (count(name) > 1) throw new Error(`${name} may appear only once`);
  return { fields, get: (name) => fields.filter((f) => f.name === name.toLowerCase()).map((f) => f.value) };
}
