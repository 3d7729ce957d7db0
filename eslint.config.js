// Lint for the whole project, and the direction of its imports: tests/ -> the suite's helpers in
// src/ (suite/, model/) -> the rest of src/ -> generated/. The engine never imports the suite,
// the emulator's variants or a self-test, as Kubernetes forbids its e2e framework to import the
// e2e tests (.import-restrictions); the emulator, a server of its own, takes from src/ only the
// document (the target file it writes among it), the signer and the option parser.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const restricted = (...patterns) => ({
  '@typescript-eslint/no-restricted-imports': ['error', { patterns }],
  // The same rules for `import()`, which no-restricted-imports does not see; its path must be a
  // plain string, which the rules can read.
  'no-restricted-syntax': [
    'error',
    ...patterns.map(({ regex, message }) => ({ selector: `ImportExpression[source.value=/${regex.replaceAll('/', '\\/')}/]`, message })),
    {
      selector: 'ImportExpression[source.type!="Literal"]',
      message: 'import() takes a plain string, so that the import rules can read it.',
    },
  ],
});
/** An import specifier matching `regex` is refused with `message`. */
const rule = (regex, message) => ({ regex, message });

/** A `..` after the first could leave the folder a rule allows. */
const LITERAL = [rule('/src/.*\\.\\./', 'Name the module by its own path, without climbing back out of src/.')];

/** What no file outside tests/ imports. */
const OUTSIDE_THE_SUITE = [rule('(^|/)tests/', 'Nothing outside tests/ imports the conformance suite.'), ...LITERAL];

/** What no file of the engine imports. */
const ENGINE = [
  ...OUTSIDE_THE_SUITE,
  rule('/scripts/|\\.test\\.[jt]s$', 'The engine never imports a script or a self-test.'),
  rule(
    '/emulator/(mutants|tolerant|independent|faults)\\.ts$',
    "The engine starts the emulator by a variant's name (emulator/variants.ts), never importing a variant.",
  ),
];

export default tseslint.config(
  { ignores: ['generated/**', 'node_modules/**', 'reports/**', 'docs/**', 'certification/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // Every file outside the suite, self-tests included: nothing imports tests/.
    files: ['src/**', 'emulator/**', 'scripts/**'],
    rules: restricted(...OUTSIDE_THE_SUITE),
  },
  {
    files: ['tests/**'],
    rules: restricted(
      rule('/src/(?!(suite|model)/[^.][^/]*$)', 'The suite imports only its helpers: src/suite/ and src/model/.'),
      rule('/(emulator|scripts)/', 'The suite knows nothing of the emulator or the scripts: it reaches a target through src/suite/.'),
      rule('^vitest', 'The suite takes test, describe and its assertions from src/suite/, so every failure shows its exchange.'),
      ...LITERAL,
    ),
  },
  {
    files: ['src/**'],
    ignores: ['src/**/*.test.ts'],
    rules: restricted(...ENGINE),
  },
  {
    files: ['src/{document,http,run,reports,cli}/**'],
    ignores: ['src/**/*.test.ts'],
    // A later block replaces a rule's options, so the engine's own rules are given again.
    rules: restricted(
      ...ENGINE,
      rule('(^|/)(suite|model)/', "The engine under the suite's helpers never imports them: imports flow from suite/ and model/ down."),
    ),
  },
  {
    files: ['emulator/**'],
    ignores: ['emulator/**/*.test.ts'],
    rules: restricted(
      ...OUTSIDE_THE_SUITE,
      rule(
        '/src/(?!(document/[^.][^/]*|http/signer\\.ts|cli/command-line\\.ts)$)',
        'The emulator takes from src/ only the document (the target file it writes among it), the signer and the command line.',
      ),
      rule('/scripts/', 'The emulator is a server of its own: it never imports a script.'),
    ),
  },
  {
    files: ['scripts/**'],
    ignores: ['scripts/**/*.test.ts'],
    rules: restricted(...OUTSIDE_THE_SUITE),
  },
);
