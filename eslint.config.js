// Lint for the whole project, and the direction of its imports: tests/ -> the suite's helpers in
// src/ (suite/, model/) -> the rest of src/ -> generated/. Inside src/ the engine's layers import
// one way, each only those below it: document, http, run, verdict, reports, cli; the suite's
// helpers sit on the run, beside the verdict. The engine never imports the suite, the emulator, a
// script or a self-test, as Kubernetes forbids its e2e framework to import the e2e tests
// (.import-restrictions): the emulator is a target like any other, which the entry points hand to
// the run. The emulator, a server of its own, takes from src/ only the document (the target file
// it writes among it), the signer and the option parser.
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
    '(^|/)emulator/',
    'The engine never imports the emulator: the entry points hand the embedded one to the run (emulator/embedded.ts), a target like any other.',
  ),
];

/** The engine's layers, lowest first: each imports only those before it. */
const LAYERS = ['document', 'http', 'run', 'verdict', 'reports', 'cli'];

/** The suite's helpers, which the tests import: they sit on the run, and no layer imports them. */
const SUITE_HELPERS = ['suite', 'model'];

/** What a layer of src/ may not import: every layer after it, and the suite's helpers. Layers are
 * folders of src/, so an import of another layer is `../<layer>/...`. */
function climbing(layer) {
  const below = LAYERS.slice(0, LAYERS.indexOf(layer));
  const above = LAYERS.slice(LAYERS.indexOf(layer) + 1);
  return rule(
    `^\\.\\./(${[...above, ...SUITE_HELPERS].join('|')})/`,
    `An import that climbs: src/${layer}/ imports only ${below.length ? `the layers below it (${below.join(', ')})` : 'no other layer'}; the engine's layers go ${LAYERS.join(', ')}, and the suite's helpers (${SUITE_HELPERS.join(', ')}) sit on the run, imported by the tests alone.`,
  );
}

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
  // A later block replaces a rule's options, so each layer's block gives the engine's rules again.
  ...LAYERS.map((layer) => ({
    files: [`src/${layer}/**`],
    ignores: ['src/**/*.test.ts'],
    rules: restricted(...ENGINE, climbing(layer)),
  })),
  {
    files: [`src/{${SUITE_HELPERS.join(',')}}/**`],
    ignores: ['src/**/*.test.ts'],
    rules: restricted(
      ...ENGINE,
      rule(
        '^\\.\\./(verdict|reports|cli)/',
        "The suite's helpers sit on the run: they never import the verdict, the reports or the command line, which judge and render a run.",
      ),
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
