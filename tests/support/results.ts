// Gathers each conformance test's outcome as the run ends, for the reports: the requirement IDs
// in its title, its source location, and why it failed or was skipped.
import { relative } from 'node:path';
import type { Reporter, TestModule } from 'vitest/node';

export interface TestRecord {
  name: string;
  ids: string[];
  file: string;
  line?: number;
  state: 'passed' | 'failed' | 'skipped';
  durationMs: number;
  failure?: string;
  skipReason?: string;
}

export const NOT_SELECTED = 'not selected in this run (filtered by -t)';

export class ResultCollector implements Reporter {
  readonly tests: TestRecord[] = [];

  onTestRunEnd(modules: ReadonlyArray<TestModule>): void {
    for (const module of modules) {
      for (const test of module.children.allTests()) {
        const result = test.result();
        const state = result.state === 'pending' ? 'skipped' : result.state;
        this.tests.push({
          name: test.name,
          ids: test.name.match(/PEER-[A-Z]+-\d{3}/g) ?? [],
          file: relative(process.cwd(), module.moduleId),
          ...(test.location && { line: test.location.line }),
          state,
          durationMs: Math.round(test.diagnostic()?.duration ?? 0),
          ...(state === 'failed' && { failure: (result.errors ?? []).map((e) => e.message).join('\n') }),
          ...(state === 'skipped' && { skipReason: (result.state === 'skipped' && result.note) || NOT_SELECTED }),
        });
      }
    }
  }
}
