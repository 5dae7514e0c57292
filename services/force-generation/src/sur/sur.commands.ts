import type { UnitType } from '@coe/contracts';
import type { SurRequirements } from './sur.events';

// Every command carries `today` (UTC, YYYY-MM-DD) so the decider can refuse future dates without a clock.

export type IssueSur = {
  type: 'IssueSur';
  data: { surId: string; mission: string; unitType: UnitType; issuedOn: string } & SurRequirements;
  today: string;
};

export type ReviseSur = {
  type: 'ReviseSur';
  data: { surId: string; revisedOn: string } & SurRequirements;
  today: string;
};

export type AgreeSurVariation = {
  type: 'AgreeSurVariation';
  data: { surId: string; contributor: string; agreedOn: string; reason: string } & SurRequirements;
  today: string;
};

export type SurCommand = IssueSur | ReviseSur | AgreeSurVariation;
