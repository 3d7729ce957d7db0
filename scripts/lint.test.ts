// `npm run lint` keeps the layout: each import rule of eslint.config.js refuses the import it
// exists for, static or dynamic (one that climbs the engine's layers among them), and lets the
// allowed direction through.
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint();

/** The messages eslint gives `code` as if it were the file at `filePath`. */
async function refusals(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).filter((m) => /restricted/.test(m.ruleId ?? '')).map((m) => m.message);
}

describe('the import rules', { timeout: 30_000 }, () => {
  it.each([
    ['tests/contract/probe.test.ts', "import { Transport } from '../../src/http/transport.ts';", /only its helpers/],
    ['tests/contract/probe.test.ts', "import { VARIANTS } from '../../emulator/variants.ts';", /knows nothing of the emulator/],
    ['src/run/probe.ts', "import { test } from '../suite/api.ts';", /imported by the tests alone/],
    ['src/run/probe.ts', "export const load = () => import('../../tests/races/arena.ts');", /Nothing outside tests/],
    ['src/suite/probe.ts', "export const load = () => import('../../emulator/mutants.ts');", /never imports the emulator/],
    ['src/run/probe.ts', "export const load = () => import('../../emulator/embedded.ts');", /never imports the emulator/],
    ['src/document/probe.ts', "import type { Target } from '../run/target.ts';", /climbs: src\/document\/ imports only no other layer/],
    [
      'src/http/probe.ts',
      "import { judge } from '../verdict/judgement.ts';",
      /climbs: src\/http\/ imports only the layers below it \(document\)/,
    ],
    ['src/run/probe.ts', "import { writeHar } from '../reports/har.ts';", /An import that climbs/],
    ['src/verdict/probe.ts', "export const load = () => import('../cli/signals.ts');", /An import that climbs/],
    ['src/reports/probe.ts', "import { api } from '../model/real.ts';", /An import that climbs/],
    ['src/model/probe.ts', "import type { Judgement } from '../verdict/judgement.ts';", /never import the verdict/],
    ['src/http/probe.ts', "import { sweepRun } from '../run/sweep.test.ts';", /self-test/],
    ['emulator/probe.ts', "import { PeeringClient } from '../src/http/client.ts';", /only the document .*, the signer/],
    ['scripts/probe.ts', "import { test } from '../tests/lifecycle/lifecycle.test.ts';", /Nothing outside tests/],
    ['src/run/probe.test.ts', "import { LIFECYCLE_RULES } from '../../tests/races/arena.ts';", /Nothing outside tests/],
    ['tests/contract/probe.test.ts', "import type { Reply } from '../../src/suite/../http/client.ts';", /without climbing back out/],
    ['tests/contract/probe.test.ts', "import { expect } from 'vitest';", /from src\/suite/],
    ['src/run/probe.ts', "import { sweepRun } from './sweep.test.js';", /self-test/],
    ['src/run/probe.ts', 'export const load = (name: string) => import(`../../tests/${name}.ts`);', /plain string/],
  ])('refuse in %s: %s', async (filePath, code, why) => {
    const messages = await refusals(filePath, code);
    expect(messages.length, messages.join('\n')).toBeGreaterThan(0);
    expect(messages.join('\n')).toMatch(why);
  });

  it.each([
    ['tests/contract/probe.test.ts', "import { test } from '../../src/suite/api.ts';"],
    ['tests/contract/probe.test.ts', "import { Create } from '../../src/model/commands.ts';"],
    ['src/suite/probe.ts', "import { PeeringClient } from '../http/client.ts';"],
    ['src/run/probe.ts', "import { ConformanceFailure } from '../http/failure.ts';"],
    ['src/reports/probe.ts', "import { judgeRun } from '../verdict/judgement.ts';"],
    ['src/cli/probe.ts', "import { runConformance } from '../run/conformance-run.ts';"],
    ['src/suite/probe.ts', "import { Ledger } from '../run/ledger.ts';"],
    ['scripts/probe.ts', "import { startEmbeddedEmulator } from '../emulator/embedded.ts';"],
    ['emulator/probe.ts', "import { documentValidators } from '../src/document/validators.ts';"],
    ['emulator/probe.ts', "import { signature } from '../src/http/signer.ts';"],
  ])('allow in %s: %s', async (filePath, code) => {
    expect(await refusals(filePath, code)).toEqual([]);
  });
});
