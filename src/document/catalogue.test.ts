import { readdirSync, readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { CATALOGUE_PATH, isInDocsRepository, loadCatalogue } from './document.ts';
import { describeErrors } from './validators.ts';

const catalogueFile = parse(readFileSync(CATALOGUE_PATH, 'utf8'));
const catalogueSchema = parse(readFileSync(new URL('../../openapi/requirements.schema.yaml', import.meta.url), 'utf8'));
const requirements: { id: string; level: string; quote?: { from: string; line?: number; text: string }[]; withdrawn?: string }[] =
  catalogueFile.requirements;
const mustWithQuote = () => requirements.find((r) => r.level === 'MUST' && r.quote)!;

describe('the requirement catalogue', () => {
  const validate = new Ajv2020({ allErrors: true }).compile(catalogueSchema);

  it('has the shape its schema gives', () => {
    expect(validate(catalogueFile), describeErrors(validate.errors)).toBe(true);
  });

  it('refuses a MUST that quotes no source, and takes it once lowered to SHOULD', () => {
    const must = mustWithQuote();
    const unquoted = (level: string) => ({
      ...catalogueFile,
      requirements: requirements.map((r) => (r === must ? { ...r, quote: undefined, level } : r)),
    });
    expect(validate(JSON.parse(JSON.stringify(unquoted('MUST'))))).toBe(false);
    expect(describeErrors(validate.errors)).toContain('quote');
    expect(validate(JSON.parse(JSON.stringify(unquoted('SHOULD'))))).toBe(true);
  });

  it('refuses a MUST that says nothing of its evidence, or evidence of another kind', () => {
    const must = mustWithQuote();
    const evidenced = (evidence: string | undefined) => ({
      ...catalogueFile,
      requirements: requirements.map((r) => (r === must ? { ...r, evidence } : r)),
    });
    expect(validate(JSON.parse(JSON.stringify(evidenced(undefined))))).toBe(false);
    expect(describeErrors(validate.errors)).toContain('evidence');
    expect(validate(evidenced('implied'))).toBe(false);
  });

  it('refuses evidence on a withdrawn requirement: it fails nothing, so it rests on nothing', () => {
    const must = mustWithQuote();
    const withdrawn = (keep: boolean) => ({
      ...catalogueFile,
      requirements: requirements.map((r) => {
        if (r !== must) return r;
        const { evidence: _, ...rest } = r as typeof r & { evidence?: string };
        return { ...(keep ? r : rest), withdrawn: 'a self-test: the rule no longer applies' };
      }),
    });
    expect(validate(withdrawn(true))).toBe(false);
    expect(validate(withdrawn(false))).toBe(true);
  });

  it('refuses a passage that names no source, or a line on a page outside the docs repository', () => {
    const must = mustWithQuote();
    const quoting = (passage: object) => ({
      ...catalogueFile,
      requirements: requirements.map((r) => (r === must ? { ...r, quote: [passage] } : r)),
    });
    expect(validate(quoting({ text: 'Specifies the VPC peering connection ID.' }))).toBe(false);
    expect(describeErrors(validate.errors)).toContain('from');
    expect(validate(quoting({ from: 'https://github.com/owner/repository/issues/1', line: 3, text: 'words' }))).toBe(false);
    expect(validate(quoting({ from: 'https://github.com/owner/repository/issues/1', text: 'words' }))).toBe(true);
  });

  // Without its line a passage links to its page but not to its words: npm run sources -- check DIR
  // --record writes it.
  it('has, for every passage of the docs repository, the line its words were found at', () => {
    const unrecorded = loadCatalogue().flatMap((r) =>
      (r.passages ?? []).filter((p) => isInDocsRepository(p) && !p.line).map((p) => `${r.id}: ${p.from}`),
    );
    expect(unrecorded).toEqual([]);
  });

  it('names, in every silence, only requirements it has', () => {
    const known = new Set(requirements.map((r) => r.id));
    const silences: { id: string; requirements: string[] }[] = catalogueFile.silences;
    expect(silences.flatMap((s) => s.requirements.filter((id) => !known.has(id)).map((id) => `${s.id}: ${id}`))).toEqual([]);
  });

  it('gives each ID to one requirement only', () => {
    const ids = requirements.map((r) => r.id);
    expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
  });
});

/** `PEER-X-NNN (LEVEL)`, or a list `PEER-A, PEER-B (LEVEL)` / `PEER-A and PEER-B (LEVEL)` whose IDs
 * all take that level. */
const ID = 'PEER-[A-Z]+-[0-9]{3}';
const LEVEL_MENTION = new RegExp(`(${ID}(?:\\s*(?:,|and)\\s*${ID})*)\\s*\\((MUST|SHOULD|MAY)\\)`, 'g');
const COMMENT = /\/\*[\s\S]*?\*\/|\/\/[^\n]*/g;

interface LevelMention {
  line: number;
  id: string;
  written: string;
}

/** Every level a comment of `source` gives a requirement, with the line of the ID. A block
 * comment's leading `*` is blanked first, so a mention wrapped across lines is still found. */
function levelMentions(source: string): LevelMention[] {
  const lineAt = (offset: number) => source.slice(0, offset).split('\n').length;
  return [...source.matchAll(COMMENT)].flatMap((comment) => {
    const text = comment[0].replace(/\n([ \t]*)\*(?!\/)/g, '\n$1 ');
    return [...text.matchAll(LEVEL_MENTION)].flatMap((m) =>
      [...m[1]!.matchAll(new RegExp(ID, 'g'))].map((id) => ({
        line: lineAt(comment.index + m.index + id.index),
        id: id[0],
        written: m[2]!,
      })),
    );
  });
}

describe("a test's comment block and the catalogue", () => {
  it('finds the levels a comment gives, in lists and across wrapped lines', () => {
    const source = [
      '/**',
      ' * PEER-A-001 (MUST), PEER-A-002 (MAY) - a sentence naming PEER-A-003',
      ' * (SHOULD) on the next line; PEER-A-004, PEER-A-005 and PEER-A-006 (MUST).',
      ' */',
      "test('PEER-A-007 (MUST) in a title is not a comment', { tags: ['PEER-A-001'] }, () => {});",
      '// PEER-A-008 (MAY)',
    ].join('\n');
    expect(levelMentions(source)).toEqual([
      { line: 2, id: 'PEER-A-001', written: 'MUST' },
      { line: 2, id: 'PEER-A-002', written: 'MAY' },
      { line: 2, id: 'PEER-A-003', written: 'SHOULD' },
      { line: 3, id: 'PEER-A-004', written: 'MUST' },
      { line: 3, id: 'PEER-A-005', written: 'MUST' },
      { line: 3, id: 'PEER-A-006', written: 'MUST' },
      { line: 6, id: 'PEER-A-008', written: 'MAY' },
    ]);
  });

  // A vendor reads the block above a failed test to learn how much the failure weighs: a block
  // that says MUST where the catalogue says SHOULD makes a warning read as a broken rule.
  it('gives every requirement the level the catalogue gives it', () => {
    const testsDir = new URL('../../tests/', import.meta.url);
    const levels = new Map(requirements.map((r) => [r.id, r.level]));
    const files = readdirSync(testsDir, { recursive: true, encoding: 'utf8' })
      .filter((f) => f.endsWith('.test.ts'))
      .sort();
    const mentions = files.flatMap((file) =>
      levelMentions(readFileSync(new URL(file, testsDir), 'utf8')).map((m) => ({ ...m, file: `tests/${file}` })),
    );
    // The scan must find the blocks it judges, or a broken pattern would pass every file.
    expect(mentions.length).toBeGreaterThan(50);
    const wrong = mentions
      .filter((m) => levels.get(m.id) !== m.written)
      .map(({ file, line, id, written }) =>
        levels.has(id)
          ? `${file}:${line}: ${id} is written (${written}), the catalogue says ${levels.get(id)}`
          : `${file}:${line}: ${id} (${written}) is not in the catalogue`,
      );
    expect(wrong).toEqual([]);
  });
});
