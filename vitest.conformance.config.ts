// The conformance suite itself, run by the run engine (src/run/conformance-run.ts), which hands
// every worker the run's context: the target, the seed, the limits.
import { defineConfig } from 'vitest/config';
import { loadCatalogue } from './src/document/document.ts';

export default defineConfig({
  test: {
    include: ['tests/contract/**/*.test.ts', 'tests/properties/**/*.test.ts', 'tests/lifecycle/**/*.test.ts', 'tests/races/**/*.test.ts'],
    // A test names the requirements it checks as tags, and only the catalogue's: vitest refuses a
    // tag it does not define (strictTags), so a mistyped or withdrawn ID fails the run at once.
    tags: loadCatalogue()
      .filter((r) => !r.withdrawn)
      .map((r) => ({ name: r.id, description: `${r.level}: ${r.rule.trim()}` })),
    strictTags: true,
    includeTaskLocation: true,
    // Files share each worker's modules: validators compile once per worker, keep-alive
    // connections are reused, and a deadline missed in one file is remembered in the next.
    isolate: false,
    // Threads, not processes: a terminal's Ctrl-C reaches every process of its group, and would
    // end a forked worker before the run has stopped its tests and swept. A thread gets no signal;
    // the run stops it.
    pool: 'threads',
    // Each run transforms the suite's TypeScript for its workers; kept on disk (keyed by each
    // file's content), the next run skips it: half a second of every start-up on two cores.
    experimental: { fsModuleCache: true },
    // The test timeout is set by the run (src/run/conformance-run.ts), from the target's round trip.
  },
});
