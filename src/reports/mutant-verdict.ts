// What a run against a mutant proves. A mutant is killed only when the requirement it breaks is
// reported failed: a run failed by other requirements alone shows that the mutant breaks more than
// it says, or that its requirement's own tests are blind, and proves nothing of its requirement.
import type { Requirement } from '../document/document.ts';
import type { RequirementOutcome } from '../verdict/judgement.ts';

export interface MutantVerdict {
  mutant: string;
  breaks: string;
  result: 'killed' | 'survived';
  /** Every requirement the run reported failed, its own included. */
  failed: string[];
  /** The failed requirements other than its own and its declared consequences: a finding,
   * whether or not it was killed. */
  alsoBroken: string[];
}

export interface Mutant {
  name: string;
  breaks: string;
  /** What breaking it necessarily breaks too, declared by the mutant. */
  consequences?: readonly string[] | undefined;
}

export function mutantVerdict(mutant: Mutant, requirements: readonly Pick<RequirementOutcome, 'id' | 'result'>[]): MutantVerdict {
  const failed = requirements.filter((r) => r.result === 'failed').map((r) => r.id);
  const expected = new Set([mutant.breaks, ...(mutant.consequences ?? [])]);
  return {
    mutant: mutant.name,
    breaks: mutant.breaks,
    result: failed.includes(mutant.breaks) ? 'killed' : 'survived',
    failed,
    alsoBroken: failed.filter((id) => !expected.has(id)),
  };
}

/** A requirement, the mutants that break it, those its own failure killed, and those that prove
 * its tests cleanly: killed by it, and breaking nothing they do not declare. */
export interface RequirementProof {
  requirement: string;
  level: Requirement['level'];
  mutants: string[];
  killedBy: string[];
  provenBy: string[];
}

/** Every MUST, and every other requirement some mutant breaks, with the mutants that prove it. */
export function requirementProofs(catalogue: readonly Pick<Requirement, 'id' | 'level' | 'withdrawn'>[], verdicts: readonly MutantVerdict[]): RequirementProof[] {
  return catalogue
    .filter((r) => !r.withdrawn && (r.level === 'MUST' || verdicts.some((v) => v.breaks === r.id)))
    .map((r) => {
      const mine = verdicts.filter((v) => v.breaks === r.id);
      return {
        requirement: r.id,
        level: r.level,
        mutants: mine.map((v) => v.mutant),
        killedBy: mine.filter((v) => v.result === 'killed').map((v) => v.mutant),
        provenBy: mine.filter((v) => v.result === 'killed' && v.alsoBroken.length === 0).map((v) => v.mutant),
      };
    });
}
