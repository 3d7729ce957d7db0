// The project's own tests: each sits beside what it tests, in src/, emulator/ and scripts/. The
// conformance suite in tests/ has its own config (vitest.conformance.config.ts) and runs through
// `npm run conformance`.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'emulator/**/*.test.ts', 'scripts/**/*.test.ts'],
    reporters: ['default', './src/reports/summary-line.ts'],
  },
});
