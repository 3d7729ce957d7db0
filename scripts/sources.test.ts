// `npm run sources -- check DIR` against a small docs tree each test makes, with a catalogue of its
// own quoting it: an unchanged tree passes; a sentence edited is reported with its old and new
// words and fails; a page renamed is reported as moved and passes; a sentence removed fails,
// naming its requirement. A passage from outside the docs repository is listed as not checked,
// never as passed. --record writes lines, a moved page and the commit into the catalogue, and
// nothing when it cannot; input it cannot read ends in one sentence and exit 2.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runScript, scratchDir } from './support/child-scripts.ts';

const CREATE = 'api-ref/source/vpc_peering_connection/creating_a_vpc_peering_connection.rst';
const DELETE = 'umn/source/vpc_peering_connection/deleting_a_vpc_peering_connection.rst';
const RENAMED = 'umn/source/vpc_peering_connection/removing_a_vpc_peering_connection.rst';
const ISSUE = 'https://github.com/opentelekomcloud/ansible-collection-cloud/issues/259';

const PAGES: Record<string, string> = {
  [CREATE]: [
    'Creating a VPC Peering Connection',
    '=================================',
    '',
    'If you create a VPC peering connection with another VPC of your own, the connection is created without the need for you to accept the connection.',
    '',
    '.. table:: **Table 2** Description of the **peering** field',
    '',
    '   +------+-----------+--------+---------------------------------------------------------+',
    '   | name | Yes       | String | Specifies the name of the VPC peering connection. The   |',
    '   |      |           |        | value can contain 1 to 64 characters.                   |',
    '   +------+-----------+--------+---------------------------------------------------------+',
    '',
  ].join('\n'),
  [DELETE]: [
    'Deleting a VPC Peering Connection',
    '=================================',
    '',
    'Scenarios',
    '---------',
    '',
    'Either owner of a VPC in a peering connection can delete the VPC peering connection in any state.',
    '',
  ].join('\n'),
};

const CATALOGUE = `# A catalogue of four requirements, quoting the tree the test makes.
docs_repository:
  url: https://github.com/opentelekomcloud-docs/virtual-private-cloud
  checked_commit: 0123456789abcdef0123456789abcdef01234567
requirements:
  - id: PEER-CREATE-004
    level: MUST
    quote:
      - from: ${CREATE}
        text: name | Yes | String | Specifies the name of the VPC peering connection. The value can
          contain 1 to 64 characters.
  - id: PEER-CREATE-014
    level: MUST
    quote:
      - from: ${CREATE}
        line: 1
        text: If you create a VPC peering connection with another VPC of your own, the connection is
          created without the need for you to accept the connection.
  - id: PEER-DELETE-002
    level: MUST
    quote:
      - from: ${DELETE}
        text: Either owner of a VPC in a peering connection can delete the VPC peering connection in any state.
      - from: ${ISSUE}
        text: is not a valid UUID.
  - id: PEER-OBJ-002
    level: SHOULD
    quote:
      - from: ${CREATE}
        text: "Specifies the name of the VPC peering connection."
`;

/** A docs tree, edited as the test wants it, and a catalogue quoting it. */
function fixture(edit: (docs: string) => void = () => {}) {
  const root = scratchDir();
  const docs = join(root, 'docs');
  for (const [path, text] of Object.entries(PAGES)) {
    mkdirSync(dirname(join(docs, path)), { recursive: true });
    writeFileSync(join(docs, path), text);
  }
  edit(docs);
  const catalogue = join(root, 'requirements.yaml');
  writeFileSync(catalogue, CATALOGUE);
  return { docs, catalogue };
}

function rewrite(docs: string, path: string, from: string, to: string) {
  const text = readFileSync(join(docs, path), 'utf8');
  expect(text).toContain(from);
  writeFileSync(join(docs, path), text.replace(from, to));
}

const sources = (...args: string[]) => runScript('scripts/sources.ts', args);

function commitAll(dir: string): string {
  const git = (...args: string[]) => execFileSync('git', ['-C', dir, ...args], { encoding: 'utf8' }).trim();
  if (!existsSync(join(dir, '.git'))) git('init', '-q');
  git('add', '-A');
  git('-c', 'user.name=self-test', '-c', 'user.email=self-test@example.com', 'commit', '-qm', 'docs');
  return git('rev-parse', 'HEAD');
}

// Each starts the script in a process of its own, which on a busy 2-core machine takes seconds.
describe('npm run sources -- check DIR', { timeout: 60_000 }, () => {
  it('passes an unchanged tree, and lists the passage from outside the docs repository as not checked', async () => {
    const { docs, catalogue } = fixture();
    const run = await sources('check', docs, '--catalogue', catalogue, '--commit', 'a'.repeat(40));
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(run.stdout).toContain(`against ${docs} at commit ${'a'.repeat(40)}`);
    expect(run.stdout).toContain('PEER-CREATE-004 (MUST): still there\n');
    expect(run.stdout).toContain(
      `PEER-DELETE-002 (MUST): still there; 1 passage(s) outside the docs repository, not checked here\n  not checked here: ${ISSUE}`,
    );
    expect(run.stdout).toMatch(/^4 quoted .* still there, 0 moved, 0 changed, 0 gone; 1 outside the docs repository, not checked here\.$/m);
    expect(run.stdout).toContain('PASS');
  });

  it('fails on a sentence edited, showing the quoted words and the words now', async () => {
    const { docs, catalogue } = fixture((docs) => rewrite(docs, CREATE, 'contain 1 to 64 characters', 'contain 1 to 128 characters'));
    const run = await sources('check', docs, '--catalogue', catalogue);
    expect(run.code, run.stdout + run.stderr).toBe(1);
    expect(run.stdout).toContain('a commit it cannot tell');
    expect(run.stdout).toContain(
      [
        'PEER-CREATE-004 (MUST): CHANGED',
        `  changed in ${CREATE}:9`,
        '    was: name Yes String Specifies the name of the VPC peering connection. The value can contain 1 to 64 characters.',
        '    now: name Yes String Specifies the name of the VPC peering connection. The value can contain 1 to 128 characters.',
      ].join('\n'),
    );
    expect(run.stdout).toContain('PEER-OBJ-002 (SHOULD): still there');
    expect(run.stdout).toContain('FAIL: the quotes of 1 MUST requirement(s) changed or went: PEER-CREATE-004.');
  });

  it('passes a page renamed, reporting each quote on it as moved', async () => {
    const { docs, catalogue } = fixture((docs) => renameSync(join(docs, DELETE), join(docs, RENAMED)));
    const run = await sources('check', docs, '--catalogue', catalogue);
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(run.stdout).toContain(
      `PEER-DELETE-002 (MUST): MOVED; 1 passage(s) outside the docs repository, not checked here\n  moved from ${DELETE} to ${RENAMED}:7`,
    );
    expect(run.stdout).toContain('PASS');
  });

  it('fails on a sentence removed, naming its requirement', async () => {
    const { docs, catalogue } = fixture((docs) =>
      rewrite(
        docs,
        CREATE,
        'If you create a VPC peering connection with another VPC of your own, the connection is created without the need for you to accept the connection.',
        '',
      ),
    );
    const run = await sources('check', docs, '--catalogue', catalogue);
    expect(run.code, run.stdout + run.stderr).toBe(1);
    expect(run.stdout).toContain(`PEER-CREATE-014 (MUST): GONE\n  gone from ${CREATE}, and on no other page: "If you create`);
    expect(run.stdout).toContain('FAIL: the quotes of 1 MUST requirement(s) changed or went: PEER-CREATE-014.');
  });

  it('reports a SHOULD whose quote went, and fails nothing for it', async () => {
    const { docs, catalogue } = fixture((docs) =>
      rewrite(docs, CREATE, 'Specifies the name of the VPC peering connection. The', 'Gives the name. The'),
    );
    writeFileSync(catalogue, CATALOGUE.replace(/ {2}- id: PEER-CREATE-004[\s\S]*?(?= {2}- id: PEER-CREATE-014)/, ''));
    const run = await sources('check', docs, '--catalogue', catalogue);
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^PEER-OBJ-002 \(SHOULD\): (CHANGED|GONE)$/m);
  });
});

describe('npm run sources -- check DIR --record', { timeout: 60_000 }, () => {
  it("writes each passage's line, a page it moved to and the commit into the catalogue, and nothing else", async () => {
    const { docs, catalogue } = fixture();
    const first = commitAll(docs);
    expect((await sources('check', docs, '--catalogue', catalogue, '--record')).code).toBe(0);
    const recorded = readFileSync(catalogue, 'utf8');
    expect(recorded).toBe(
      CATALOGUE.replace('0123456789abcdef0123456789abcdef01234567', first)
        .replace(`- from: ${CREATE}\n        text: name`, `- from: ${CREATE}\n        line: 9\n        text: name`)
        .replace('        line: 1\n', '        line: 4\n')
        .replace(`- from: ${DELETE}\n`, `- from: ${DELETE}\n        line: 7\n`)
        .replace(`- from: ${CREATE}\n        text: "Specifies`, `- from: ${CREATE}\n        line: 9\n        text: "Specifies`),
    );

    renameSync(join(docs, DELETE), join(docs, RENAMED));
    const second = commitAll(docs);
    const moved = await sources('check', docs, '--catalogue', catalogue, '--record');
    expect(moved.code, moved.stdout + moved.stderr).toBe(0);
    expect(moved.stdout).toContain(`Recorded commit ${second}`);
    expect(readFileSync(catalogue, 'utf8')).toBe(recorded.replace(first, second).replace(`- from: ${DELETE}`, `- from: ${RENAMED}`));
  });

  it('records nothing, and fails, when a quote changed', async () => {
    const { docs, catalogue } = fixture((docs) => rewrite(docs, CREATE, '1 to 64', '1 to 128'));
    commitAll(docs);
    const run = await sources('check', docs, '--catalogue', catalogue, '--record');
    expect(run.code, run.stdout + run.stderr).toBe(1);
    expect(run.stdout).toContain(`Nothing recorded in ${catalogue}: a quote of PEER-CREATE-004 changed or went.`);
    expect(readFileSync(catalogue, 'utf8')).toBe(CATALOGUE);
  });

  it('records nothing where the commit cannot be told', async () => {
    const { docs, catalogue } = fixture();
    const run = await sources('check', docs, '--catalogue', catalogue, '--record');
    expect(run.code).toBe(2);
    expect(run.stderr.trim()).toBe(
      `Nothing recorded, as the commit is unknown: ${docs} is not a git checkout; give its commit with --commit.`,
    );
    expect(readFileSync(catalogue, 'utf8')).toBe(CATALOGUE);
  });
});

describe('npm run sources, given what it cannot read', { timeout: 60_000 }, () => {
  const refusal = async (args: (tree: { docs: string; catalogue: string }) => string[]) => {
    const run = await sources(...args(fixture()));
    expect(run.code).toBe(2);
    const lines = run.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    return lines[0]!;
  };

  it('a DIR that does not exist', async () => {
    expect(await refusal(({ docs, catalogue }) => ['check', `${docs}-missing`, '--catalogue', catalogue])).toMatch(
      /-missing does not exist/,
    );
  });

  it('a DIR that is not the docs repository', async () => {
    expect(await refusal(({ docs, catalogue }) => ['check', join(docs, 'umn'), '--catalogue', catalogue])).toContain(
      'holds none of the pages the catalogue quotes',
    );
  });

  it('no command, or another one', async () => {
    expect(await refusal(({ docs }) => [docs])).toContain('npm run sources -- check DIR');
    expect(await refusal(({ docs }) => ['verify', docs])).toContain('npm run sources -- check DIR');
  });

  it('a commit given for a git checkout, which has its own', async () => {
    expect(
      await refusal(({ docs, catalogue }) => {
        commitAll(docs);
        return ['check', docs, '--catalogue', catalogue, '--commit', 'a'.repeat(40)];
      }),
    ).toContain('is a git checkout, whose commit is read from it: leave out --commit.');
  });
});
