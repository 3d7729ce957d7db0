// The emulator started standalone, as `npm run emulator` starts it: it writes a usable target
// file, answers the create page's example with 201 ACTIVE, and stops cleanly on SIGTERM.
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { PeeringClient } from '../src/http/client.ts';
import { startStandaloneEmulator } from '../scripts/support/child-scripts.ts';
import { deleteUntilGone } from '../src/http/deletion.ts';
import type { TargetFile } from '../src/document/target-file.ts';

it('runs standalone: target file, the seed example answered 201 ACTIVE, clean stop on SIGTERM', async () => {
  const { child, targetPath, output } = await startStandaloneEmulator();

  const target: TargetFile = JSON.parse(readFileSync(targetPath, 'utf8'));
  expect(output()).toContain(`listening on ${target.baseUrl}`);
  const client = new PeeringClient(target.baseUrl, { token: target.requester.token as string });
  const reply = await client.create({
    peering: {
      name: 'test',
      request_vpc_info: { vpc_id: target.requester.vpcIds[0]! },
      accept_vpc_info: { vpc_id: target.requester.vpcIds[1]! },
    },
  });
  expect(reply.status).toBe(201);
  expect(reply.data?.peering.status).toBe('ACTIVE');

  child.kill('SIGTERM');
  const [code] = await once(child, 'exit');
  expect(code).toBe(0);
  expect(output()).toContain('Emulator stopped.');
});

it('runs standalone as an eventually consistent cloud: a deleted peering shown DELETED, then gone', async () => {
  const { child, targetPath, output } = await startStandaloneEmulator(['--eventual', '--latency', '150']);
  expect(output()).toContain('eventually consistent');
  const target: TargetFile = JSON.parse(readFileSync(targetPath, 'utf8'));
  const client = new PeeringClient(target.baseUrl, { token: target.requester.token as string });
  const created = await client.create({
    peering: {
      name: 'test',
      request_vpc_info: { vpc_id: target.requester.vpcIds[0]! },
      accept_vpc_info: { vpc_id: target.requester.vpcIds[1]! },
    },
  });
  const id = created.data!.peering.id;
  expect((await client.delete(id)).status).toBe(204);
  expect((await client.show(id)).data?.peering.status).toBe('DELETED');
  await deleteUntilGone(client, id, 10_000);
  child.kill('SIGTERM');
  await once(child, 'exit');
});
