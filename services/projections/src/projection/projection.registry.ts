import { cashPoolProjection } from '../cash-pool/cash-pool.projection';
import { mouMilestonesProjection } from '../mou-backlog/mou-milestones.projection';
import { payablesProjection } from '../payables/payables.projection';
import type { ProjectionDefinition, ProjectionName } from './projection.definition';

export const PROJECTIONS: readonly ProjectionDefinition[] = [
  mouMilestonesProjection,
  payablesProjection,
  cashPoolProjection,
];

export const projectionNamed = (name: ProjectionName): ProjectionDefinition => {
  const found = PROJECTIONS.find((p) => p.name === name);
  if (!found) throw new Error(`No projection named ${name}`);
  return found;
};
