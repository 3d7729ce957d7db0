// Peering names and descriptions of chosen lengths, counted in code points as JSON Schema
// counts them. Lengths lean on the boundaries; characters come from named classes.
import fc from 'fast-check';

export const codePoints = (text: string): number => [...text].length;

/** Letters, digits, `-` and `_`: every console and SDK accepts these. */
export const safeCharacter = fc.constantFrom(...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_');

/** Outside ASCII: accented Latin, CJK (2 UTF-16 units are not needed), and astral characters
 * that take 2 UTF-16 units and 4 UTF-8 bytes, to catch a server counting the wrong unit. */
export const multibyteCharacter = fc.oneof(
  fc.constantFrom('é', 'ß', 'ü', 'ñ'),
  fc.integer({ min: 0x4e00, max: 0x9fff }).map((cp) => String.fromCodePoint(cp)),
  fc.integer({ min: 0x1f600, max: 0x1f64f }).map((cp) => String.fromCodePoint(cp)),
);

/** A length near one of the boundaries, or anywhere up to `max`. */
export function lengthAround(boundaries: number[], max: number): fc.Arbitrary<number> {
  const near = boundaries.flatMap((b) => [b - 1, b, b + 1]).filter((n) => n >= 0);
  return fc.oneof(fc.constantFrom(...near), fc.integer({ min: 0, max }));
}

/**
 * A text of exactly `length` code points that starts with `prefix` when it is long enough to
 * (so the run can find what it made), then characters of the given class.
 */
export function textOfLength(prefix: string, length: number, character: fc.Arbitrary<string>): fc.Arbitrary<string> {
  const head = length >= prefix.length ? prefix : '';
  return fc
    .array(character, { minLength: length - codePoints(head), maxLength: length - codePoints(head) })
    .map((chars) => head + chars.join(''));
}
