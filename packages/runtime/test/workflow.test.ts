import { describe, expect, it } from 'vitest';
import { defineWorkflow, finish, type WorkflowStep } from '../src/workflow.js';

// Each step appends its name to the state; `fail` names a step that throws.
const recording =
  (log: string[], fail?: string) =>
  (name: string): WorkflowStep<string[]> => ({
    name,
    run(state) {
      if (name === fail) throw new Error(`${name} failed`);
      return [...state, name];
    },
    compensate(state) {
      log.push(`undo ${name} after ${state.join('>')}`);
    },
  });

describe('a declared workflow', () => {
  it('runs its steps in order and answers the last state', async () => {
    const flow = defineWorkflow('three', ['a', 'b', 'c'].map(recording([])));
    expect(flow.steps).toEqual(['a', 'b', 'c']);
    expect(await flow.run([])).toEqual(['a', 'b', 'c']);
  });

  it('undoes the completed steps in reverse order when a step fails, and throws the failure', async () => {
    const log: string[] = [];
    const flow = defineWorkflow('four', ['a', 'b', 'c', 'd'].map(recording(log, 'c')));
    await expect(flow.run([])).rejects.toThrow('c failed');
    expect(log).toEqual(['undo b after a>b', 'undo a after a']);
  });

  it('still throws the step failure when a compensation fails, and reports the compensation failure', async () => {
    const failures: string[] = [];
    const steps: WorkflowStep<number>[] = [
      { name: 'hold', run: (n) => n + 1, compensate: () => Promise.reject(new Error('cannot undo')) },
      { name: 'break', run: () => Promise.reject(new Error('broken')) },
    ];
    const run = defineWorkflow('undo-fails', steps).run(0, {
      onCompensationError: (step, e) => failures.push(`${step}: ${(e as Error).message}`),
    });
    await expect(run).rejects.toThrow('broken');
    expect(failures).toEqual(['hold: cannot undo']);
  });

  it('resumes from a recorded step: the steps before it are not run again nor undone', async () => {
    const log: string[] = [];
    const ran: string[] = [];
    const flow = defineWorkflow('resumable', ['a', 'b', 'c', 'd'].map(recording(log, 'd')));
    await expect(flow.run(['a', 'b'], { from: 'c', onStep: (s) => ran.push(s) })).rejects.toThrow('d failed');
    expect(ran).toEqual(['c', 'd']);
    expect(log).toEqual(['undo c after a>b>c']);
    expect(await defineWorkflow('ok', ['a', 'b', 'c'].map(recording([]))).run(['a'], { from: 'b' })).toEqual([
      'a',
      'b',
      'c',
    ]);
  });

  it('ends early when a step finishes it (e.g. a duplicate answered with the earlier result)', async () => {
    const ran: string[] = [];
    const steps: WorkflowStep<string>[] = [
      { name: 'look-up', run: () => finish('earlier') },
      { name: 'create', run: () => 'created' },
    ];
    expect(await defineWorkflow('dedupe', steps).run('new', { onStep: (s) => ran.push(s) })).toBe('earlier');
    expect(ran).toEqual(['look-up']);
  });

  it('refuses an unknown resume step and a step declared twice, naming them', async () => {
    await expect(defineWorkflow('w', [recording([])('a')]).run([], { from: 'z' })).rejects.toThrow(
      'workflow "w" has no step "z"',
    );
    expect(() => defineWorkflow('w', [recording([])('a'), recording([])('a')])).toThrow(
      'workflow "w" declares step "a" twice',
    );
  });
});
