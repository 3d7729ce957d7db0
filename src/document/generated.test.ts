import { describe, expect, it } from 'vitest';
import { GENERATED_PATH, readGenerated, renderGenerated, renderRequirementIds, renderTypes, REQUIREMENT_IDS_PATH } from './generate.ts';

describe('generated/ is what `npm run generate` makes today', () => {
  it('generated/vpc-peering.ts, from the document', async () => {
    expect(readGenerated(GENERATED_PATH), 'generated/ has drifted from openapi/vpc-peering.yaml: run `npm run generate`').toBe(
      await renderTypes(),
    );
  });

  it('generated/requirement-ids.ts, from the catalogue', () => {
    expect(readGenerated(REQUIREMENT_IDS_PATH), 'generated/ has drifted from openapi/requirements.yaml: run `npm run generate`').toBe(
      renderRequirementIds(),
    );
  });

  it('and nothing else: `npm run generate` writes the files this test checks', async () => {
    expect((await renderGenerated()).map((f) => f.path)).toEqual([GENERATED_PATH, REQUIREMENT_IDS_PATH]);
  });
});
