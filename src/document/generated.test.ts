import { expect, it } from 'vitest';
import { readGeneratedTypes, renderTypes } from './generate.ts';

it('generated/vpc-peering.ts is what `npm run generate` makes from the document today', async () => {
  expect(readGeneratedTypes(), 'generated/ has drifted from openapi/vpc-peering.yaml: run `npm run generate`').toBe(await renderTypes());
});
