import type { DomainEvent } from '@coe/event-store';
import type { UnitType } from '@coe/contracts';

export type MajorEquipmentRequirement = { category: string; item: string; quantity: number };

/** What a unit must bring: personnel, major equipment lines and self-sustainment categories. */
export type SurRequirements = {
  personnel: number;
  majorEquipment: MajorEquipmentRequirement[];
  selfSustainment: string[];
};

/** Version 1 of a Statement of Unit Requirements, per mission and unit type. */
export type SurIssued = {
  surId: string;
  mission: string;
  unitType: UnitType;
  version: 1;
  issuedOn: string;
} & SurRequirements;

/** A revision replaces the requirements and creates version n+1. */
export type SurRevised = { surId: string; version: number; revisedOn: string } & SurRequirements;

/** The requirements agreed with one contributor in place of the SUR's, for the version then current. */
export type SurVariationAgreed = {
  surId: string;
  surVersion: number;
  contributor: string;
  agreedOn: string;
  reason: string;
} & SurRequirements;

export type SurEvent =
  | DomainEvent<'SurIssued', SurIssued>
  | DomainEvent<'SurRevised', SurRevised>
  | DomainEvent<'SurVariationAgreed', SurVariationAgreed>;
