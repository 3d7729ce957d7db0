// The CI recipes users copy: the GitHub Actions workflows are valid against GitHub's workflow
// schema (action-validator, as actionlint is not packaged here), and they and the README's GitLab
// jobs run the quick profile against the committed target files and keep the reports; the
// sharded ones run each shard against its own target file and merge the shards' reports.
import { readFileSync } from 'node:fs';
import { validateWorkflow } from '@action-validator/core';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { readKnownFailures } from '../src/verdict/known-failures.ts';
import { readTargetFile } from '../src/document/target-file.ts';

const workflowText = readFileSync('.github/workflows/conformance.yml', 'utf8');
const readme = readFileSync('README.md', 'utf8');
const yamlBlocks = [...readme.matchAll(/```yaml\n([\s\S]*?)```/g)].map(([, text]) => text!);
const gitlabBlock = yamlBlocks.find((text) => text.startsWith('vpc-peering-conformance:'));
const gitlabJob = parse(gitlabBlock ?? '{}')['vpc-peering-conformance'];
const COMMAND = 'npm run conformance -- --target ci/staging-target.json --profile quick';

const shardedWorkflowText = yamlBlocks.find((text) => text.startsWith('name: VPC peering conformance (staging, sharded)')) ?? '';
const shardedGitlabBlock = yamlBlocks.find((text) => text.startsWith('vpc-peering-conformance-shards:'));
const shardedGitlab = parse(shardedGitlabBlock ?? '{}');
const SHARD_COMMAND =
  'npm run conformance -- --target ci/staging-shard-${{ matrix.shard }}.json --profile quick --shard ${{ matrix.shard }}/2';
const GITLAB_SHARD_COMMAND =
  'npm run conformance -- --target ci/staging-shard-$CI_NODE_INDEX.json --profile quick --shard $CI_NODE_INDEX/$CI_NODE_TOTAL --reports reports-shard-$CI_NODE_INDEX';

type Step = { run?: string; uses?: string; if?: string; env?: Record<string, string>; with?: Record<string, string> };

describe('the CI recipes', () => {
  it('the GitHub workflow passes the workflow schema, and a broken copy does not', () => {
    expect(validateWorkflow(workflowText).errors).toEqual([]);
    expect(validateWorkflow(workflowText.replace('runs-on: ubuntu-latest', 'runs-on: [ubuntu-latest')).errors).not.toEqual([]);
    expect(validateWorkflow(workflowText.replace('    steps:', '    stepz:')).errors).not.toEqual([]);
  });

  it('the GitHub workflow installs, runs the quick profile with the tokens from secrets, and uploads the reports always', () => {
    const steps: Step[] = parse(workflowText).jobs.conformance.steps;
    expect(steps.map((s) => s.run).filter(Boolean)).toEqual(['npm ci', COMMAND]);
    expect(steps.find((s) => s.run === COMMAND)!.env).toMatchObject({ REQUESTER_TOKEN: '${{ secrets.PEERING_REQUESTER_TOKEN }}' });
    expect(steps.find((s) => s.uses?.startsWith('actions/upload-artifact'))).toMatchObject({ if: 'always()', with: { path: 'reports/' } });
  });

  it('the GitLab job does the same', () => {
    expect(gitlabBlock, 'the README shows a GitLab job named vpc-peering-conformance').toBeDefined();
    expect(gitlabJob.script).toEqual(['npm ci', COMMAND]);
    expect(gitlabJob.artifacts).toMatchObject({ when: 'always', paths: ['reports/'], reports: { junit: 'reports/junit.xml' } });
  });

  it("staging's known-failures file, which the README points at, is a valid one", () => {
    expect(readKnownFailures('ci/known-failures.yaml', new Set())).toEqual([]);
  });

  it('the target file both use is a valid target file that holds no secret', () => {
    const target = readTargetFile('ci/staging-target.json');
    for (const role of ['requester', 'accepter', 'outsider'] as const) expect(target[role]?.token).toHaveProperty('env');
  });
});

describe('the sharded CI recipes', () => {
  const jobs: Record<string, { needs?: string; if?: string; strategy?: { matrix: { shard: number[] } }; steps: Step[] }> =
    parse(shardedWorkflowText).jobs ?? {};
  const shards = jobs.shard?.strategy?.matrix.shard ?? [];

  it('the README shows a sharded GitHub workflow that passes the workflow schema, and a broken copy does not', () => {
    expect(shardedWorkflowText, 'the README shows the workflow named "VPC peering conformance (staging, sharded)"').not.toBe('');
    expect(validateWorkflow(shardedWorkflowText).errors).toEqual([]);
    expect(validateWorkflow(shardedWorkflowText.replace('    strategy:', '    strategee:')).errors).not.toEqual([]);
    expect(validateWorkflow(shardedWorkflowText.replace('    needs: shard', '    needs: [shard')).errors).not.toEqual([]);
  });

  it('runs one shard of two per matrix entry, each against its own target file, and uploads its reports always', () => {
    expect(shards).toEqual([1, 2]);
    const steps = jobs.shard!.steps;
    expect(steps.map((s) => s.run).filter(Boolean)).toEqual(['npm ci', SHARD_COMMAND]);
    expect(steps.find((s) => s.run === SHARD_COMMAND)!.env).toMatchObject({ REQUESTER_TOKEN: '${{ secrets.PEERING_REQUESTER_TOKEN }}' });
    expect(steps.find((s) => s.uses?.startsWith('actions/upload-artifact'))).toMatchObject({
      if: 'always()',
      with: { name: 'conformance-shard-${{ matrix.shard }}', path: 'reports/' },
    });
  });

  it("merges, after the shards, whether they passed or failed, every shard's downloaded reports, and uploads the result always", () => {
    const merge = jobs.merge!;
    expect(merge).toMatchObject({ needs: 'shard', if: '${{ !cancelled() }}' });
    const download = merge.steps.find((s) => s.uses?.startsWith('actions/download-artifact'));
    expect(download).toMatchObject({ with: { pattern: 'conformance-shard-*', path: 'shards/' } });
    const dirs = shards.map((n) => `shards/conformance-shard-${n}`);
    expect(merge.steps.map((s) => s.run).filter(Boolean)).toEqual(['npm ci', `npm run merge-reports -- ${dirs.join(' ')}`]);
    expect(merge.steps.find((s) => s.uses?.startsWith('actions/upload-artifact'))).toMatchObject({
      if: 'always()',
      with: { path: 'reports/' },
    });
  });

  it('the GitLab jobs do the same, with parallel', () => {
    expect(shardedGitlabBlock, 'the README shows GitLab jobs named vpc-peering-conformance-shards and -merge').toBeDefined();
    const { 'vpc-peering-conformance-shards': shardJob, 'vpc-peering-conformance-merge': mergeJob } = shardedGitlab;
    expect(shardJob.parallel).toBe(2);
    expect(shardJob.script).toEqual(['npm ci', GITLAB_SHARD_COMMAND]);
    expect(shardJob.variables).toMatchObject({ REQUESTER_TOKEN: '$PEERING_REQUESTER_TOKEN' });
    expect(shardJob.artifacts).toEqual({ when: 'always', paths: ['reports-shard-$CI_NODE_INDEX/'] });
    expect(mergeJob).toMatchObject({ needs: ['vpc-peering-conformance-shards'], when: 'always' });
    expect(mergeJob.script).toEqual(['npm ci', 'npm run merge-reports -- reports-shard-1 reports-shard-2']);
    expect(mergeJob.artifacts).toMatchObject({ when: 'always', paths: ['reports/'], reports: { junit: 'reports/junit.xml' } });
  });

  it("each shard's target file is a valid target file with no secret, and no two share a VPC", () => {
    const vpcs = shards.flatMap((n) => {
      const target = readTargetFile(`ci/staging-shard-${n}.json`);
      for (const role of ['requester', 'accepter', 'outsider'] as const) expect(target[role]?.token).toHaveProperty('env');
      return [...target.requester.vpcIds, ...target.accepter.vpcIds];
    });
    expect(vpcs).toHaveLength(10);
    expect(new Set(vpcs).size).toBe(vpcs.length);
  });
});
