import type { Decider, DomainEvent } from './decider';

/**
 * Given/when/then for deciders: `given(history).when(command).then(expectedEvents)` or
 * `.thenThrows(code)`, asserting whole events and error codes, never message text.
 */
export const deciderSpec =
  <Command, Event extends DomainEvent, State>(decider: Decider<Command, Event, State>) =>
  (history: Event[] = []) => ({
    when: (command: Command) => {
      const run = () => decider.decide(command, history.reduce(decider.evolve, decider.initialState()));
      return {
        then: (expected: Event[]) => expect(run()).toEqual(expected),
        /** The error's code and, when given, details it must include (e.g. the field named). */
        thenThrows: (code: string, details?: Record<string, unknown>) => {
          let thrown: unknown;
          try {
            run();
          } catch (error) {
            thrown = error;
          }
          expect(thrown).toBeDefined();
          expect((thrown as { code?: unknown }).code).toBe(code);
          if (details) expect((thrown as { details?: unknown }).details).toMatchObject(details);
        },
        thenState: (assert: (state: State) => void) =>
          assert(run().reduce(decider.evolve, history.reduce(decider.evolve, decider.initialState()))),
      };
    },
  });
