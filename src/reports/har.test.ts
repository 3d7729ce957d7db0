// The run's exchanges.har, written from exchanges a recording transport sent to the embedded
// emulator, to a server that only answers 503 (so every retry is an attempt of its own) and to a
// closed port: it is HAR 1.2 as the HAR schema states it, holds one entry per attempt the
// transport counted, attributed to its test, and no credential that went out on the wire.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../emulator/server.ts';
import { PeeringClient } from '../http/client.ts';
import { ExchangeRecorder, type AttributedExchanges } from '../http/exchange-record.ts';
import type { Exchange } from '../http/exchange.ts';
import { Transport } from '../http/transport.ts';
import { TRACEPARENT } from '../http/trace.ts';
import { ConformanceFailure } from '../http/failure.ts';
import { HAR_FILE } from '../http/exchange-record.ts';
import { writeHar } from './har.ts';
import { validateHar } from './har-validator.ts';


interface Entry {
  startedDateTime: string;
  time: number;
  request: { method: string; url: string; headers: { name: string; value: string }[]; postData?: { text: string } };
  response: { status: number; headers: { name: string; value: string }[] };
  timings: { wait: number };
  _id: string;
  _test: string;
  _requirements: string[];
  _operationId: string;
  _error?: string;
}

const COOKIE_SECRET = 'session-cookie-secret-4711';
const TEST_NAME = 'har self-test: a peering created, read, listed signed, deleted';
const REQUIREMENTS = ['PEER-CREATE-001', 'PEER-SHOW-001'];

let emulator: RunningEmulator;
let unavailable: Server;
let runDir: string;
let harFile: string;
let written: number;
let sent: number;
let text: string;
let entries: Entry[];
let failure: ConformanceFailure;
let traceId: string;

const header = (headers: { name: string; value: string }[], name: string) => headers.find((h) => h.name === name)?.value;

const urlOf = (server: Server) => `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

beforeAll(async () => {
  emulator = await startEmulator();
  unavailable = createServer((_, res) => res.writeHead(503, { 'retry-after': '0', 'set-cookie': `session=${COOKIE_SECRET}` }).end());
  await new Promise<void>((ready) => unavailable.listen(0, '127.0.0.1', ready));
  const closed = createServer();
  await new Promise<void>((ready) => closed.listen(0, '127.0.0.1', ready));
  const closedUrl = urlOf(closed);
  await new Promise((done) => closed.close(done));
  runDir = mkdtempSync(join(tmpdir(), 'har-test-'));
  harFile = join(runDir, 'reports', HAR_FILE);

  const { requester } = emulator.tenants;
  const recorder = new ExchangeRecorder('w7');
  const transport = new Transport(recorder);
  const wire = { transport, wait: async () => {} };
  const byToken = new PeeringClient(emulator.url, { token: requester.token }, wire);
  const signed = new PeeringClient(emulator.url, { ak: requester.ak!, sk: requester.sk!, projectId: requester.projectId }, wire);
  const created = await byToken.create({
    peering: {
      name: 'har-test',
      request_vpc_info: { vpc_id: requester.vpcIds[0]! },
      accept_vpc_info: { vpc_id: requester.vpcIds[1]! },
    },
  });
  const id = created.data!.peering.id;
  expect((await byToken.show(id)).status).toBe(200);
  expect((await signed.list()).status).toBe(200);
  expect((await byToken.delete(id)).status).toBe(204);
  expect((await new PeeringClient(urlOf(unavailable), { token: requester.token }, { ...wire, validate: false }).list()).status).toBe(503);
  failure = await new PeeringClient(closedUrl, { token: requester.token }, wire).list().then(
    () => expect.fail('a closed port answered'),
    (error: ConformanceFailure) => error,
  );

  sent = transport.traffic.take().sent;
  traceId = transport.traceId;
  const handedOver: AttributedExchanges[] = [];
  recorder.handOver((record) => handedOver.push(record), TEST_NAME, REQUIREMENTS);
  written = writeHar(handedOver, harFile);
  text = readFileSync(harFile, 'utf8');
  entries = (JSON.parse(text) as { log: { entries: Entry[] } }).log.entries;
});

afterAll(async () => {
  await emulator.close();
  unavailable.close();
  rmSync(runDir, { recursive: true, force: true });
});

describe('exchanges.har', () => {
  it('validates against the HAR 1.2 schema', () => {
    expect(validateHar(JSON.parse(text)), JSON.stringify(validateHar.errors)).toBe(true);
  });

  it.each([
    ['an entry without its request method', (har: { log: { entries: Entry[] } }) => delete (har.log.entries[0]!.request as Partial<Entry['request']>).method],
    ['a negative wait', (har: { log: { entries: Entry[] } }) => (har.log.entries[0]!.timings.wait = -2)],
    ['a start time that is not a date', (har: { log: { entries: Entry[] } }) => (har.log.entries[0]!.startedDateTime = 'yesterday')],
  ])('does not validate with %s: the check can fail', (_, breakIt) => {
    const broken = JSON.parse(text) as { log: { entries: Entry[] } };
    breakIt(broken);
    expect(validateHar(broken)).toBe(false);
  });

  it('holds one entry per attempt the transport counted as sent, retries and the unanswered one included', () => {
    // 4 to the emulator, 6 to the server that keeps answering 503 (5 retries), 1 to the closed port.
    expect(sent).toBe(11);
    expect(written).toBe(sent);
    expect(entries).toHaveLength(sent);
    expect(entries.filter((e) => e.response.status === 503)).toHaveLength(6);
    expect(new Set(entries.map((e) => e._id)).size).toBe(sent);
  });

  it('orders the entries by when they started, whichever worker appended them first', () => {
    const dir = mkdtempSync(join(tmpdir(), 'har-order-'));
    const [early, late] = [new ExchangeRecorder('early'), new ExchangeRecorder('late')];
    const listed = (): Exchange => ({ operationId: 'listVpcPeerings', method: 'GET', url: `${emulator.url}/v2.0/vpc/peerings`, headers: {}, status: 200, contentType: 'application/json', responseText: '{}' });
    late.record(listed(), { started: 2000, answered: 2001, ended: 2002 }, {});
    early.record(listed(), { started: 1000, answered: 1001, ended: 1002 }, {});
    const handedOver: AttributedExchanges[] = [];
    late.handOver((record) => handedOver.push(record), 'started second, appended first');
    early.handOver((record) => handedOver.push(record), 'started first, appended second');
    writeHar(handedOver, join(dir, HAR_FILE));
    const written: { log: { entries: Entry[] } } = JSON.parse(readFileSync(join(dir, HAR_FILE), 'utf8'));
    expect(written.log.entries.map((e) => e._test)).toEqual(['started first, appended second', 'started second, appended first']);
    rmSync(dir, { recursive: true, force: true });
  });

  it('attributes every entry to its test, its requirements and its operation', () => {
    expect(entries.map((e) => [e._test, e._requirements])).toEqual(entries.map(() => [TEST_NAME, REQUIREMENTS]));
    expect(entries.map((e) => e._operationId)).toEqual([
      'createVpcPeering',
      'showVpcPeering',
      'listVpcPeerings',
      'deleteVpcPeering',
      ...Array(6).fill('listVpcPeerings'),
      'listVpcPeerings',
    ]);
    expect(entries[0]!.request.postData?.text).toContain('"name":"har-test"');
  });

  it('holds no token, AK/SK credential or cookie, though each went out or came back on the wire', () => {
    const { requester } = emulator.tenants;
    for (const secret of [requester.token, requester.ak!, requester.sk!, COOKIE_SECRET]) expect(text).not.toContain(secret);
    // They were there to leak: the emulator accepted the token and the signature, and the cookie came back.
    expect(header(entries[0]!.request.headers, 'x-auth-token')).toBe('***');
    expect(header(entries[2]!.request.headers, 'authorization')).toBe('***');
    expect(header(entries[4]!.response.headers, 'set-cookie')).toBe('***');
  });

  it('gives an unanswered attempt status 0 and its error', () => {
    const unanswered = entries.at(-1)!;
    expect(unanswered.response.status).toBe(0);
    expect(unanswered._error).toMatch(/^the connection failed \(ECONNREFUSED\)/);
  });

  it("names the entry of a failure's exchange", () => {
    const id = failure.details.exchange!.id!;
    expect(failure.message).toContain(`  Recorded:    ${HAR_FILE} entry ${id}`);
    expect(entries.filter((e) => e._id === id)).toEqual([entries.at(-1)]);
  });

  it("shows a failure's trace context as the entry records its request's header, in the transport's trace", () => {
    const traceparent = header(entries.at(-1)!.request.headers, 'traceparent')!;
    expect(TRACEPARENT.exec(traceparent)?.groups?.traceId).toBe(traceId);
    expect(failure.message).toContain(`  Trace:       traceparent ${traceparent}`);
  });
});
