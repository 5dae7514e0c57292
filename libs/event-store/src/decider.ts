import type { NewEvent } from './event-store.types';

/** An event as a decider emits it: a type, its data and, when the fact has one, its business date. */
export type DomainEvent<Type extends string = string, Data = unknown> = {
  type: Type;
  data: Data;
  effectiveOn?: string;
};

/**
 * Pure domain rules: `decide` turns a command and the current state into new events (or throws a typed
 * error), `evolve` folds an event into the state. No I/O, no clock, no random ids.
 */
export type Decider<Command, Event extends DomainEvent, State> = {
  initialState: () => State;
  evolve: (state: State, event: Event) => State;
  decide: (command: Command, state: State) => Event[];
};

export const foldEvents = <Event extends DomainEvent, State>(
  decider: Pick<Decider<unknown, Event, State>, 'initialState' | 'evolve'>,
  events: readonly Event[],
): State => events.reduce(decider.evolve, decider.initialState());

export const toNewEvent = (event: DomainEvent): NewEvent => ({
  type: event.type,
  data: event.data,
  ...(event.effectiveOn === undefined ? {} : { effectiveOn: event.effectiveOn }),
});

/** Which streams a decider folds: lets generic tools (the audit API) rebuild any aggregate's state. */
export type AggregateDescriptor = {
  /** Streams whose id starts with this, e.g. `mou-`. */
  streamPrefix: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- a registry of heterogeneous deciders
  decider: Pick<Decider<any, any, any>, 'initialState' | 'evolve'>;
};
