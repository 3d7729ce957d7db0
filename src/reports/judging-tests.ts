// Which tests can judge a requirement, read from a conforming run: those tagged with it, and those
// whose checks exercised it there, whatever their tags. A run of only these tests against a server
// that breaks the requirement is a run that can see it broken, and nothing more.
import type { ConformanceReport } from './reports.ts';

/** The full names (" > " between describe blocks and the test) of the tests that judge `id`. */
export function testsJudging(report: Pick<ConformanceReport, 'requirements'>, id: string): string[] {
  const tests = report.requirements.flatMap((r) => r.tests);
  const judging = tests.filter((t) => t.ids.includes(id) || (t.checks?.[id] ?? 0) > 0);
  return [...new Set(judging.map((t) => t.fullName))].sort();
}

/** A vitest test-name pattern (`-t`) selecting exactly these tests: vitest matches it against the
 * names joined by spaces, its file's name possibly before them. */
export function namePatternOf(fullNames: readonly string[]): string {
  const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return fullNames.map((name) => `(?:^|\\s)${escape(name.split(' > ').join(' '))}$`).join('|');
}
