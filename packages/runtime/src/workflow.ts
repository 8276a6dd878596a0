/**
 * A declared workflow: named steps run in order over one state, each with an optional compensation. When a step
 * throws, the compensations of the steps this run completed run in reverse order, then the error is rethrown.
 * A step may end the workflow early with {@link finish} (e.g. a duplicate answered with the earlier result).
 * A resumed run starts at a named step (the one its state says was reached, e.g. recorded on an order), so the
 * steps before it are not run again. Our own orchestration: small on purpose, no engine, no persistence of its own.
 */
export interface WorkflowStep<S> {
  name: string;
  /** Does the step's work; answers the next state, or `finish(state)` to end the workflow with it. */
  run(state: S): Promise<S | Finished<S>> | S | Finished<S>;
  /** Undoes what `run` did when a later step fails; gets the state this step answered. Failures are logged only. */
  compensate?(state: S, error: unknown): Promise<void> | void;
}

/** A step's answer that ends the workflow. */
export interface Finished<S> {
  readonly finished: S;
}

/** Ends the workflow with `state` (the later steps are not run). */
export function finish<S>(state: S): Finished<S> {
  return { finished: state };
}

/** Options of one run. */
export interface WorkflowRunOptions {
  /** Starts at this step (a resumed run); default the first. Unknown names are an error. */
  from?: string;
  /** Told which step is about to run (logs, traces, tests). */
  onStep?: (step: string) => void;
  /** Told when a compensation itself failed (the original error is still the one thrown). */
  onCompensationError?: (step: string, error: unknown) => void;
}

/** A workflow ready to run. */
export interface Workflow<S> {
  readonly name: string;
  readonly steps: readonly string[];
  run(state: S, options?: WorkflowRunOptions): Promise<S>;
}

/** Declares a workflow from its steps (names must be unique). */
export function defineWorkflow<S>(name: string, steps: readonly WorkflowStep<S>[]): Workflow<S> {
  const names = steps.map((s) => s.name);
  const duplicate = names.find((n, i) => names.indexOf(n) !== i);
  if (duplicate) throw new Error(`workflow "${name}" declares step "${duplicate}" twice`);
  return {
    name,
    steps: names,
    async run(initial, options = {}) {
      const start = options.from === undefined ? 0 : names.indexOf(options.from);
      if (start < 0) throw new Error(`workflow "${name}" has no step "${options.from}"`);
      const done: { step: WorkflowStep<S>; state: S }[] = [];
      let state = initial;
      for (const step of steps.slice(start)) {
        options.onStep?.(step.name);
        let answer: S | Finished<S>;
        try {
          answer = await step.run(state);
        } catch (error) {
          for (const { step: earlier, state: after } of done.reverse()) {
            try {
              await earlier.compensate?.(after, error);
            } catch (failure) {
              options.onCompensationError?.(earlier.name, failure);
            }
          }
          throw error;
        }
        if (isFinished(answer)) return answer.finished;
        state = answer;
        done.push({ step, state });
      }
      return state;
    },
  };
}

function isFinished<S>(answer: S | Finished<S>): answer is Finished<S> {
  return typeof answer === 'object' && answer !== null && 'finished' in answer && Object.keys(answer).length === 1;
}
