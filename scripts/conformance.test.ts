// Whole conformance runs, as `npm run conformance` makes them, in this process
// (scripts/support/in-process.ts): the exit code and what is printed for a run that cannot start,
// one that fails, one that leaks, and one against a correct server.
import { createServer, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toTargetFile } from '../emulator/tenants.ts';
import { createEmulatorHandler, startEmulator, type RunningEmulator } from '../emulator/server.ts';
import { FAULTS } from '../emulator/faults.ts';
import { MUTANTS } from '../emulator/mutants.ts';
import { PeeringClient } from '../src/http/client.ts';
import { validateHar } from '../src/reports/har-validator.ts';
import { testSpanIdOf, TRACEPARENT } from '../src/http/trace.ts';
import { scratchDir, writeJson } from './support/child-scripts.ts';
import { runConformance } from './support/in-process.ts';

const dir = scratchDir();
let emulator: RunningEmulator;
const servers: Server[] = [];
const closing: RunningEmulator[] = [];

async function serve(listener: RequestListener): Promise<string> {
  const server = createServer(listener);
  servers.push(server);
  await new Promise<void>((ready) => server.listen(0, '127.0.0.1', ready));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

beforeAll(async () => {
  emulator = await startEmulator();
});
afterAll(async () => {
  await emulator.close();
  for (const server of servers) server.close();
  for (const other of closing) await other.close();
});

/** What the self-tests read of an exchanges.har entry. */
interface HarEntry {
  request: { headers: { name: string; value: string }[] };
  _test: string;
}

const validTarget = () => toTargetFile(emulator.tenants, emulator.url);

/** A server of the test's own: runs in parallel must not share target VPCs, as two runs
 * against one real endpoint must not (their leases are each run's own). */
async function ownEmulator(): Promise<RunningEmulator> {
  const own = await startEmulator();
  closing.push(own);
  return own;
}

/** A correct target of a server of the row's own: a pre-flight that creates peerings must not see
 * another row's on the VPCs it checks. */
async function ownTarget() {
  const own = await ownEmulator();
  return toTargetFile(own.tenants, own.url);
}

/** A server that answers every create with a refusal, and anything else as the emulator does. */
async function refusingEveryCreate(): Promise<string> {
  const base = createEmulatorHandler();
  const url = await serve((req, res) => {
    if (req.method !== 'POST') return void base.listener(req, res);
    res
      .writeHead(403, { 'content-type': 'application/json' })
      .end(JSON.stringify({ NeutronError: { message: 'Creating peerings is suspended.', type: 'Forbidden', detail: '' } }));
  });
  return JSON.stringify(toTargetFile(base.tenants, url));
}

describe.concurrent('a run that cannot start ends at once with exit code 2 and one sentence', { timeout: 30_000 }, () => {
  const unknownVpc = randomUUID();
  const wrongProject = randomUUID();
  const cases: [string, () => Promise<unknown> | unknown, RegExp, NodeJS.ProcessEnv?][] = [
    ['a missing file', () => 'does-not-exist.json', /no readable target file at .*does-not-exist\.json/],
    ['a file that is not JSON', () => writeJson(dir, 'broken.json', '{"baseUrl": '), /broken\.json is not valid JSON/],
    [
      'no requester',
      () => {
        const { requester: _, ...t } = validTarget();
        return t;
      },
      /needs "requester"/,
    ],
    [
      'too few requester VPCs',
      () => ({ ...validTarget(), requester: { ...validTarget().requester, vpcIds: emulator.tenants.requester.vpcIds.slice(0, 2) } }),
      /"requester\.vpcIds" lists fewer than 3 VPCs/,
    ],
    [
      'a VPC ID that is not a UUID',
      () => ({ ...validTarget(), accepter: { ...validTarget().accepter, vpcIds: ['vpc-1', 'vpc-2'] } }),
      /"accepter\.vpcIds\.0" is not a VPC ID/,
    ],
    [
      'a tenant with neither token nor AK and SK',
      () => {
        const { token: _token, ak: _ak, sk: _sk, ...accepter } = validTarget().accepter;
        return { ...validTarget(), accepter };
      },
      /"accepter" needs a "token", or an "ak" and an "sk"/,
    ],
    [
      'a token from an unset variable',
      () => ({ ...validTarget(), accepter: { ...validTarget().accepter, token: { env: 'NO_SUCH_VARIABLE_X' } } }),
      /NO_SUCH_VARIABLE_X \(the accepter's token\) is not set/,
    ],
    [
      'an optional feature that is none',
      () => ({ ...validTarget(), absent: ['ipv6'] }),
      /"absent\.0" is not an optional feature; "absent" may list only "aksk"/,
    ],
    [
      'an unreachable URL',
      async () => {
        const closed = createServer();
        await new Promise<void>((ready) => closed.listen(0, '127.0.0.1', ready));
        const { port } = closed.address() as AddressInfo;
        closed.close();
        return { ...validTarget(), baseUrl: `http://127.0.0.1:${port}` };
      },
      /Cannot reach http:\/\/127\.0\.0\.1:\d+ \(ECONNREFUSED\)/,
    ],
    [
      'a refused token',
      () => ({ ...validTarget(), requester: { ...validTarget().requester, token: 'expired' } }),
      /refused the requester's token \(401: "Incorrect IAM authentication information[^"]*"\): renew "requester\.token" in /,
    ],
    [
      'a refused token from a variable',
      () => ({ ...validTarget(), requester: { ...validTarget().requester, token: { env: 'PEERING_SELF_TEST_TOKEN' } } }),
      /refused the requester's token \(401: "[^"]+"\): renew the environment variable PEERING_SELF_TEST_TOKEN \(the requester's token\)\./,
      { PEERING_SELF_TEST_TOKEN: 'expired' },
    ],
    [
      'a wrong requester.projectId',
      async () => {
        const target = await ownTarget();
        return { ...target, requester: { ...target.requester, projectId: wrongProject } };
      },
      new RegExp(
        `"requester\\.projectId" in .* is ${wrongProject}, but the server made the requester's peering between its VPCs .* in project [0-9a-f-]{36}: set "requester\\.projectId"`,
      ),
    ],
    [
      'a VPC ID that does not exist',
      async () => {
        const target = await ownTarget();
        return { ...target, requester: { ...target.requester, vpcIds: [...target.requester.vpcIds.slice(0, 2), unknownVpc] } };
      },
      new RegExp(
        `"requester\\.vpcIds" in .* lists ${unknownVpc}, which the server will not peer as the requester's \\(404: "VPC ${unknownVpc} could not be found[^"]*"\\)`,
      ),
    ],
    [
      'the same VPC listed for both projects',
      () => ({
        ...validTarget(),
        accepter: { ...validTarget().accepter, vpcIds: [emulator.tenants.requester.vpcIds[0], ...emulator.tenants.accepter.vpcIds] },
      }),
      /VPC [0-9a-f-]{36} is listed in both "requester\.vpcIds" and "accepter\.vpcIds", but a VPC belongs to one project/,
    ],
    [
      "the accepter's token given as the requester's",
      async () => {
        const target = await ownTarget();
        return { ...target, requester: { ...target.requester, token: target.accepter.token } };
      },
      /"requester\.token" in .* is the accepter project's, not the requester's: the server refused to peer the requester's own VPCs with it \(404: "[^"]+"\) but peered the accepter's/,
    ],
    [
      'a server that refuses every create',
      refusingEveryCreate,
      /refused every pre-flight peering .*403: "Creating peerings is suspended\.".* the server may be at fault/,
    ],
    // Listed a peering a page, the second is on the second page.
    [
      'target VPCs already peered',
      async () => {
        const busy = await startEmulator({ pageSize: 1 });
        const [a, b, c] = busy.tenants.requester.vpcIds;
        for (const [from, to] of [
          [a, b],
          [b, c],
        ])
          busy.store.create(busy.tenants.requester, {
            name: 'someone-elses',
            request_vpc_info: { vpc_id: from! },
            accept_vpc_info: { vpc_id: to! },
          });
        closing.push(busy);
        return toTargetFile(busy.tenants, busy.url);
      },
      /The target's VPCs already have live peerings \([0-9a-f-]{36} "someone-elses"; [0-9a-f-]{36} "someone-elses"\), which a run must not touch: delete them, or run "npm run sweep -- --target .*"/,
    ],
  ];
  for (const [name, make, sentence, env] of cases) {
    it(name, async () => {
      const made = await make();
      const file = typeof made === 'string' && made.endsWith('.json') ? made : writeJson(dir, `${name.replaceAll(/\W+/g, '-')}.json`, made);
      const run = await runConformance(['--target', file], env);
      expect(run.code).toBe(2);
      expect(run.stderr.trim().split('\n'), run.stderr).toHaveLength(1);
      expect(run.stderr).toMatch(sentence);
    });
  }
});

describe.concurrent('a property run count that could make no verdict ends the run at once with exit code 2', { timeout: 30_000 }, () => {
  for (const runs of ['0', '', 'ten', '2.5', '4']) {
    it(`PEERING_PROPERTY_RUNS="${runs}"`, async () => {
      const run = await runConformance(['--profile', 'quick'], { PEERING_PROPERTY_RUNS: runs });
      expect(run.code).toBe(2);
      expect(run.stderr.trim()).toBe(
        `PEERING_PROPERTY_RUNS must be a whole number of at least 5 (the fewest cases that make a verdict in the quick profile), not "${runs}".`,
      );
    });
  }
});

// Ten whole runs at once on CI's two cores: the full-suite ones take 35 s there. The limit only
// catches a hang, so it leaves room for a slower machine.
describe.concurrent('a run that starts', { timeout: 150_000 }, () => {
  it('with no target, against the embedded emulator, passes and writes the reports and a HAR of every request', async () => {
    const run = await runConformance([]);
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(run.stdout).toContain('Conformance run');
    expect(run.stdout).toContain('against the embedded reference emulator');
    expect(readdirSync(run.reportsDir).sort()).toEqual(['conformance.json', 'conformance.md', 'exchanges.har', 'junit.xml']);
    const report = run.report();
    expect(report.verdict).toBe('pass');
    const har = JSON.parse(readFileSync(join(run.reportsDir, 'exchanges.har'), 'utf8'));
    expect(validateHar(har), JSON.stringify(validateHar.errors)).toBe(true);
    const { sent, byRun } = report.run.traffic;
    expect(sent).toBeGreaterThan(1000);
    expect(byRun).toBeGreaterThan(0);
    expect(har.log.entries).toHaveLength(sent + byRun);
    // An entry names its test as the reports and a known-failures file do.
    const recordedTests = new Set(har.log.entries.map((e: { _test: string }) => e._test));
    const reportedTests = report.requirements.flatMap((r) => r.tests.map((t) => t.fullName));
    expect(reportedTests.filter((name) => !recordedTests.has(name))).toEqual([]);
    expect(run.stdout).toContain(`${sent + byRun} exchanges in ${join(run.reportsDir, 'exchanges.har')}`);
    // Every exchange carries the run's trace and a span of its own, so a vendor can find any of
    // them in its logs; a test's requests name its span, the same in every run, as their parent.
    const header = (e: HarEntry, name: string) => e.request.headers.find((h) => h.name === name)?.value;
    const traced = (har.log.entries as HarEntry[]).map((e) => ({
      test: e._test,
      context: TRACEPARENT.exec(header(e, 'traceparent') ?? '')?.groups,
      state: header(e, 'tracestate'),
    }));
    expect(traced.filter((t) => !t.context)).toEqual([]);
    expect(new Set(traced.map((t) => t.context?.traceId))).toEqual(new Set([report.run.traceId]));
    expect(report.run.traceId).toMatch(new RegExp(`^${report.run.runId}`));
    expect(new Set(traced.map((t) => t.context?.spanId)).size).toBe(traced.length);
    const ofATest = traced.filter((t) => !t.test.startsWith('(run)'));
    expect(ofATest.length).toBeGreaterThan(1000);
    expect(ofATest.filter((t) => t.state !== `conformance=${testSpanIdOf(t.test)}`)).toEqual([]);
  });

  it('against a correct server from a target file passes, cleans up everything, and never prints the token', async () => {
    const own = await ownEmulator();
    const target = writeJson(dir, 'correct.json', toTargetFile(own.tenants, own.url));
    const run = await runConformance(['--target', target, '--requirement', 'PEER-CREATE-*']);
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(run.stdout).toContain('PASS: every applicable check passed and the run left nothing behind.');
    for (const role of ['requester', 'accepter'] as const) {
      const list = await new PeeringClient(own.url, { token: own.tenants[role].token }).list();
      expect(list.data?.peerings).toEqual([]);
    }
    const written = readdirSync(run.reportsDir).map((f) => readFileSync(join(run.reportsDir, f), 'utf8'));
    for (const text of [run.stdout, run.stderr, ...written]) {
      for (const tenant of Object.values(own.tenants)) expect(text).not.toContain(tenant.token);
    }
  });

  it('with AK/SK in place of tokens in the target file, signs every request and passes', async () => {
    const own = await ownEmulator();
    const target = writeJson(dir, 'signed.json', toTargetFile(own.tenants, own.url, 'aksk'));
    expect(readFileSync(target, 'utf8')).not.toContain('"token"');
    const run = await runConformance(['--target', target]);
    expect(run.code, run.stdout + run.stderr).toBe(0);
    const written = readdirSync(run.reportsDir).map((f) => readFileSync(join(run.reportsDir, f), 'utf8'));
    for (const text of [run.stdout, run.stderr, ...written]) {
      for (const tenant of Object.values(own.tenants)) expect(text).not.toContain(tenant.sk);
    }
  });

  it('reads the isolation rules not checked, and fails, when the target names no outsider, though the lifecycle test passed', async () => {
    const own = await ownEmulator();
    const { outsider: _, ...withoutOutsider } = toTargetFile(own.tenants, own.url);
    const run = await runConformance(['--target', writeJson(dir, 'no-outsider.json', withoutOutsider), '--requirement', 'PEER-LIST-003']);
    expect(run.code, run.stdout).toBe(1);
    const isolation = run.report().requirements.find((r: { id: string }) => r.id === 'PEER-LIST-003')!;
    expect(isolation.tests.map((t: { state: string }) => t.state)).toContain('passed');
    expect(isolation).toMatchObject({ result: 'not checked', why: expect.stringContaining('names no outsider tenant') });
    expect(run.stdout).toContain('FAIL: 1 MUST requirement(s) not checked: PEER-LIST-003');
  });

  it('reads the AK/SK check not applicable where the target file declares AK/SK absent, and not checked where it just leaves them out', async () => {
    // Each run its own emulator: two runs never share a target's VPC pairs.
    const [declaredOn, silentOn] = await Promise.all([ownEmulator(), ownEmulator()]);
    const tokensOf = (own: RunningEmulator) => toTargetFile(own.tenants, own.url, 'token');
    const [declared, silent] = await Promise.all([
      runConformance([
        '--target',
        writeJson(dir, 'no-aksk.json', { ...tokensOf(declaredOn), absent: ['aksk'] }),
        '--requirement',
        'PEER-AUTH-*',
      ]),
      runConformance(['--target', writeJson(dir, 'tokens.json', tokensOf(silentOn)), '--requirement', 'PEER-AUTH-*']),
    ]);
    const signing = (run: typeof declared) => run.report().requirements.find((r: { id: string }) => r.id === 'PEER-AUTH-005');
    expect(declared.code, declared.stdout).toBe(0);
    expect(signing(declared)).toMatchObject({ result: 'not applicable', why: expect.stringContaining('declares AK/SK signing absent') });
    // A SHOULD left unchecked is said, and blocks nothing: no public source states PEER-AUTH-005.
    expect(silent.code, silent.stdout).toBe(0);
    expect(signing(silent)).toMatchObject({ result: 'not checked', why: expect.stringContaining('"absent": ["aksk"]') });
    expect(silent.stdout).toContain('not checked PEER-AUTH-005 (SHOULD)');
  });

  it('fails with exit code 1, naming the leftover, when a delete answers 204 but deletes nothing', async () => {
    const leaky = createEmulatorHandler();
    // The pre-flight's own peerings go, so that the run gets as far as its tests.
    const preflight = (id: string) =>
      Object.values(leaky.tenants).some((tenant) => {
        const shown = leaky.store.show(tenant, id);
        return shown.ok && shown.value.name.endsWith('-preflight');
      });
    const url = await serve((req, res) => {
      const id = req.url?.split('/').at(-1) ?? '';
      if (req.method === 'DELETE' && !preflight(id)) res.writeHead(204).end();
      else void leaky.listener(req, res);
    });
    const run = await runConformance([
      '--target',
      writeJson(dir, 'leaky.json', toTargetFile(leaky.tenants, url)),
      '-t',
      'answers 201 with the new peering',
      '--settle-timeout',
      '2',
    ]);
    expect(run.code, run.stdout + run.stderr).toBe(1);
    expect(run.stdout).toMatch(
      /FAIL: .*the sweep could not delete [0-9a-f-]{36} \(show of the deleted [0-9a-f-]{36} still answers 200, status ACTIVE/,
    );
    expect(run.report().reasons.join('\n')).toMatch(/could not delete/);
  });

  it('fails with exit code 1 and the requirement when a check fails', async () => {
    const base = createEmulatorHandler();
    const url = await serve((req, res) => {
      if (req.method === 'POST') {
        const writeHead = res.writeHead.bind(res) as (...args: unknown[]) => typeof res;
        res.writeHead = ((status: number, ...rest: unknown[]) => writeHead(status === 201 ? 200 : status, ...rest)) as typeof res.writeHead;
      }
      void base.listener(req, res);
    });
    const run = await runConformance([
      '--target',
      writeJson(dir, 'two-hundred.json', toTargetFile(base.tenants, url)),
      '--requirement',
      'PEER-CREATE-001',
    ]);
    expect(run.code).toBe(1);
    expect(run.stdout + run.stderr).toContain('createVpcPeering answers only 201, 400, 401, 403, 404, 409; 200 is not among them');
    expect(run.stdout).not.toContain('still there at the end');
    expect(run.report().requirements.find((r) => r.id === 'PEER-CREATE-001')?.result).toBe('failed');
  });

  it('against the tolerant variant of the emulator, which makes the other legal choices, passes', async () => {
    const run = await runConformance(['--emulator-variant', 'tolerant']);
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(run.stdout).toContain("the embedded emulator's tolerant variant");
  });

  it('passes a server that breaks only a SHOULD, with a warning, and its last line does not say every check passed', async () => {
    const run = await runConformance(['--emulator-variant', 'self-peering-allowed', '-t', 'refuses a peering of a VPC with itself']);
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(run.stdout).toContain('warning (SHOULD/MAY only, does not fail the run): refuses a peering of a VPC with itself');
    expect(run.stdout).toContain(
      'PASS: every applicable check of a MUST requirement passed (1 warning(s) above) and the run left nothing behind.',
    );
  });

  it('against an emulator answering a tenth of requests 503, passes and reports the retries', async () => {
    const run = await runConformance(['--emulator-variant', 'unavailable-10pc']);
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(run.report().run.retries.total).toBeGreaterThan(0);
    expect(run.stdout).toMatch(/\d+ requests were retried after \d+ x 503/);
  });

  it('against a server whose show never answers, fails in a few deadlines, names the timeout, and deletes everything', async () => {
    const hanging = createEmulatorHandler({ variant: FAULTS.find((f) => f.name === 'show-hangs')! });
    let showsWaitedOn = 0;
    const url = await serve((req, res) => {
      if (req.method === 'GET' && /\/peerings\/[^/?]+$/.test(req.url ?? '')) showsWaitedOn++;
      void hanging.listener(req, res);
    });
    const concurrency = 4;
    const run = await runConformance([
      '--target',
      writeJson(dir, 'hanging.json', toTargetFile(hanging.tenants, url)),
      '--request-timeout',
      '1',
      '--concurrency',
      String(concurrency),
    ]);
    expect(run.code).toBe(1);
    // Bounded by deadlines, not by tests: each worker, and the pre-flight, waits out two shows, then sends no more.
    expect(showsWaitedOn).toBeLessThanOrEqual((concurrency + 1) * 2);
    expect(run.stdout + run.stderr).toMatch(
      /showVpcPeering: (no answer within the 1 s request deadline|not sent: .* already missed its 1 s deadline)/,
    );
    expect(run.report().run.leaks).toEqual([]);
    for (const role of ['requester', 'accepter'] as const) {
      const listed = hanging.store.list(hanging.tenants[role], {});
      expect(listed.ok && listed.value.peerings).toEqual([]);
    }
  });

  it('stops a property at its time budget with the runs it completed, and passes', async () => {
    const run = await runConformance([
      '-t',
      'an update changes exactly what it was given',
      '--emulator-latency',
      '20',
      '--property-budget',
      '1',
    ]);
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(run.stdout).toMatch(/stopped by its time budget, past its minimum, not failed: PEER-UPDATE-006: \d+ of 50 runs within 1 s/);
    const [stop] = run.report().run.budgets;
    // The budget never stops a property short of the full profile's minimum for a verdict.
    expect(stop?.runs).toBeGreaterThanOrEqual(10);
    expect(stop?.runs).toBeLessThan(50);
    expect(readFileSync(join(run.reportsDir, 'conformance.md'), 'utf8')).toContain(
      'Stopped by its time budget, past its minimum, not failed: PEER-UPDATE-006',
    );
    expect(run.report().requirements.find((r) => r.id === 'PEER-UPDATE-006')).toMatchObject({
      result: 'passed',
      budgetStops: [expect.stringContaining('of 50 cases within 1 s')],
    });
  });

  it('that passes its own deadline stops, cleans up and reports why', async () => {
    const own = await ownEmulator();
    const target = writeJson(dir, 'deadline.json', toTargetFile(own.tenants, own.url));
    const run = await runConformance(['--target', target, '--run-timeout', '1']);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('The run passed its 1 s deadline: stopping the tests');
    expect(run.report().reasons[0]).toBe('The run passed its 1 s deadline, before every test had run');
    for (const role of ['requester', 'accepter'] as const) {
      const listed = own.store.list(own.tenants[role], {});
      expect(listed.ok && listed.value.peerings).toEqual([]);
    }
  });

  it('against Prism passes what a mock can show and reports the rest not applicable, with the reason', async () => {
    const run = await runConformance(['--target', 'prism']);
    expect(run.code, run.stdout + run.stderr).toBe(0);
    const byId = new Map(run.report().requirements.map((r: { id: string }) => [r.id, r]));
    expect(byId.get('PEER-CREATE-004')).toMatchObject({ result: 'passed' });
    expect(byId.get('PEER-CREATE-015')).toMatchObject({
      result: 'not applicable',
      why: expect.stringContaining('needs a stateful server'),
    });
    expect(readFileSync(join(run.reportsDir, 'conformance.md'), 'utf8')).toMatch(
      /\| PEER-CREATE-015 \| MUST \| not applicable \| \d+ \| 0 \| prism needs a stateful server/,
    );
    expect(readFileSync(join(run.reportsDir, 'junit.xml'), 'utf8')).toContain('<testsuites');
  });
});

// Apart from the concurrent runs above: Prism validating every exchange in the parent process is
// the heaviest run here, and beside eleven others on two cores it passed its limit.
describe("a run through Prism's validating proxy", { timeout: 60_000 }, () => {
  it("through Prism's validating proxy, passes a correct server and fails one that breaks the document", async () => {
    const own = await ownEmulator();
    const passing = await runConformance([
      '--target',
      writeJson(dir, 'proxied.json', toTargetFile(own.tenants, own.url)),
      '--via-prism',
      '--requirement',
      'PEER-CREATE-00*',
    ]);
    expect(passing.code, passing.stdout + passing.stderr).toBe(0);
    expect(passing.stdout).toContain("through Prism's validating proxy");

    const lowercase = createEmulatorHandler({ variant: MUTANTS.find((m) => m.name === 'status-lowercase')! });
    const url = await serve((req, res) => void lowercase.listener(req, res));
    const failing = await runConformance([
      '--target',
      writeJson(dir, 'proxied-broken.json', toTargetFile(lowercase.tenants, url)),
      '--via-prism',
      '-t',
      'answers 201 with the new peering',
    ]);
    expect(failing.code).toBe(1);
    // Prism turns the violating response into a 500 of its own, naming what broke the document,
    // and the create test, which reads its reply unvalidated, fails on that code.
    expect(failing.stdout + failing.stderr).toMatch(
      /Received: +500 application\/problem\+json .*peering\.status must be equal to one of the allowed values/,
    );
    // Cleanup and the sweep go to the server itself: Prism's 500s do not keep them from deleting.
    for (const role of ['requester', 'accepter'] as const) {
      const listed = lowercase.store.list(lowercase.tenants[role], {});
      expect(listed.ok && listed.value.peerings).toEqual([]);
    }
    expect(failing.stdout).not.toContain('could not delete');
  });
});
