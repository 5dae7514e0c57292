// The event store's testing entry point (`@coe/event-store/testing`): helpers for specs, kept out of the
// lib's production exports. The lint boundaries let only tests import it.
export { deciderSpec } from './decider-spec';
