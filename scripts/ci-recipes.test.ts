// The CI recipes users copy: the GitHub Actions workflow is valid against GitHub's workflow
// schema (action-validator, as actionlint is not packaged here), and it and the README's GitLab
// job run the quick profile against the committed target file and keep the reports.
import { readFileSync } from 'node:fs';
import { validateWorkflow } from '@action-validator/core';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { readTargetFile } from '../src/run/target-file.ts';

const workflowText = readFileSync('.github/workflows/conformance.yml', 'utf8');
const readme = readFileSync('README.md', 'utf8');
const gitlabBlock = [...readme.matchAll(/```yaml\n([\s\S]*?)```/g)]
  .map(([, text]) => text!)
  .find((text) => text.startsWith('vpc-peering-conformance:'));
const gitlabJob = parse(gitlabBlock ?? '{}')['vpc-peering-conformance'];
const COMMAND = 'npm run conformance -- --target ci/staging-target.json --profile quick';

describe('the CI recipes', () => {
  it('the GitHub workflow passes the workflow schema, and a broken copy does not', () => {
    expect(validateWorkflow(workflowText).errors).toEqual([]);
    expect(validateWorkflow(workflowText.replace('runs-on: ubuntu-latest', 'runs-on: [ubuntu-latest')).errors).not.toEqual([]);
    expect(validateWorkflow(workflowText.replace('    steps:', '    stepz:')).errors).not.toEqual([]);
  });

  it('the GitHub workflow installs, runs the quick profile with the tokens from secrets, and uploads the reports always', () => {
    const steps: { run?: string; uses?: string; if?: string; env?: Record<string, string>; with?: Record<string, string> }[] =
      parse(workflowText).jobs.conformance.steps;
    expect(steps.map((s) => s.run).filter(Boolean)).toEqual(['npm ci', COMMAND]);
    expect(steps.find((s) => s.run === COMMAND)!.env).toMatchObject({ REQUESTER_TOKEN: '${{ secrets.PEERING_REQUESTER_TOKEN }}' });
    expect(steps.find((s) => s.uses?.startsWith('actions/upload-artifact'))).toMatchObject({ if: 'always()', with: { path: 'reports/' } });
  });

  it('the GitLab job does the same', () => {
    expect(gitlabBlock, 'the README shows a GitLab job named vpc-peering-conformance').toBeDefined();
    expect(gitlabJob.script).toEqual(['npm ci', COMMAND]);
    expect(gitlabJob.artifacts).toMatchObject({ when: 'always', paths: ['reports/'], reports: { junit: 'reports/junit.xml' } });
  });

  it('the target file both use is a valid target file that holds no secret', () => {
    const target = readTargetFile('ci/staging-target.json');
    for (const role of ['requester', 'accepter', 'outsider'] as const) expect(target[role]?.token).toHaveProperty('env');
  });
});
