// The suite's own tests: the document, the emulator and the harness. The conformance suite has
// its own config (vitest.conformance.config.ts) and runs through `npm run conformance`.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/document/**/*.test.ts', 'tests/harness/**/*.test.ts', 'emulator/**/*.test.ts'],
    reporters: ['default', './tests/support/summary-line.ts'],
  },
});
