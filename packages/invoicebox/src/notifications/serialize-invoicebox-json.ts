// JSON.stringify already matches PHP's json_encode(JSON_UNESCAPED_UNICODE) except for two things PHP still escapes:
// the forward slash and the JS line terminators U+2028/U+2029. '/' only ever occurs inside string literals in JSON
// text, so a global replace is safe (a literal "\/" in a string becomes "\\\/", exactly as PHP writes it).
const PHP_ESCAPES: Record<string, string> = { '/': '\\/', '\u2028': '\\u2028', '\u2029': '\\u2029' };

/**
 * Serialises a value the way Invoicebox (PHP json_encode) does: compact, `\/` escaped, Cyrillic as raw UTF-8.
 * Needed wherever a signature must match what Invoicebox would produce for the same data.
 */
export function serializeInvoiceboxJson(value: unknown): string {
  const json = JSON.stringify(value);
  if (json === undefined) throw new TypeError('Value cannot be serialised to JSON');
  return json.replace(/[/\u2028\u2029]/g, (ch) => PHP_ESCAPES[ch] ?? ch);
}
