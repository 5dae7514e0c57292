import { cashPoolProjection } from '../cash-pool/cash-pool.projection';
import { mouMilestonesProjection } from '../mou-backlog/mou-milestones.projection';
import { payablesProjection } from '../payables/payables.projection';
import { definitionNamed, type ProjectionDefinition } from '@coe/projection-engine';

export const PROJECTION_NAMES = ['mou-milestones', 'payables', 'cash-pool'] as const;
export type ProjectionName = (typeof PROJECTION_NAMES)[number];

export const PROJECTIONS: readonly ProjectionDefinition[] = [
  mouMilestonesProjection,
  payablesProjection,
  cashPoolProjection,
];

export const projectionNamed = (name: ProjectionName): ProjectionDefinition =>
  definitionNamed(PROJECTIONS, name);
