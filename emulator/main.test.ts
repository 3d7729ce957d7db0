// The emulator started standalone, as `npm run emulator` starts it: it writes a usable target
// file, answers the create page's example with 201 ACTIVE, and stops cleanly on SIGTERM.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { PeeringClient } from '../tests/support/client.ts';
import type { TargetFile } from '../tests/support/target-file.ts';

it('runs standalone: target file, the seed example answered 201 ACTIVE, clean stop on SIGTERM', async () => {
  const targetPath = join(mkdtempSync(join(tmpdir(), 'emulator-')), 'target.json');
  const child = spawn(process.execPath, ['--import', 'tsx', 'emulator/main.ts', '--port', '0', '--write-target', targetPath]);
  let output = '';
  const ready = new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (chunk) => {
      output += chunk;
      if (output.includes('Ctrl-C stops it.')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`the emulator exited (${code}) before it was ready:\n${output}`)));
  });
  await ready;

  const target: TargetFile = JSON.parse(readFileSync(targetPath, 'utf8'));
  expect(output).toContain(`listening on ${target.baseUrl}`);
  const client = new PeeringClient(target.baseUrl, { token: target.requester.token as string });
  const reply = await client.create({
    peering: { name: 'test', request_vpc_info: { vpc_id: target.requester.vpcIds[0]! }, accept_vpc_info: { vpc_id: target.requester.vpcIds[1]! } },
  });
  expect(reply.status).toBe(201);
  expect(reply.data?.peering.status).toBe('ACTIVE');

  child.kill('SIGTERM');
  const [code] = await once(child, 'exit');
  expect(code).toBe(0);
  expect(output).toContain('Emulator stopped.');
});
