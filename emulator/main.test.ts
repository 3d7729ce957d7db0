// The emulator started standalone, as `npm run emulator` starts it: it writes a usable target
// file, answers the create page's example with 201 ACTIVE, and stops cleanly on SIGTERM.
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { PeeringClient } from '../tests/support/client.ts';
import { startStandaloneEmulator } from '../tests/support/conformance-process.ts';
import type { TargetFile } from '../tests/support/target-file.ts';

it('runs standalone: target file, the seed example answered 201 ACTIVE, clean stop on SIGTERM', async () => {
  const { child, targetPath, output } = await startStandaloneEmulator();

  const target: TargetFile = JSON.parse(readFileSync(targetPath, 'utf8'));
  expect(output()).toContain(`listening on ${target.baseUrl}`);
  const client = new PeeringClient(target.baseUrl, { token: target.requester.token as string });
  const reply = await client.create({
    peering: { name: 'test', request_vpc_info: { vpc_id: target.requester.vpcIds[0]! }, accept_vpc_info: { vpc_id: target.requester.vpcIds[1]! } },
  });
  expect(reply.status).toBe(201);
  expect(reply.data?.peering.status).toBe('ACTIVE');

  child.kill('SIGTERM');
  const [code] = await once(child, 'exit');
  expect(code).toBe(0);
  expect(output()).toContain('Emulator stopped.');
});
