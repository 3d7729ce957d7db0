import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts', 'emulator/**/*.test.ts'],
    reporters: ['default', './tests/support/summary-line.ts'],
  },
});
