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
        thenThrows: (code: string) => {
          let thrown: unknown;
          try {
            run();
          } catch (error) {
            thrown = error;
          }
          expect(thrown).toBeDefined();
          expect((thrown as { code?: unknown }).code).toBe(code);
        },
        thenState: (assert: (state: State) => void) =>
          assert(run().reduce(decider.evolve, history.reduce(decider.evolve, decider.initialState()))),
      };
    },
  });
