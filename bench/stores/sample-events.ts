// The events every store appends: the same data and actor, about 250 bytes of JSON each, like a COE line.
import type { EventMetadata } from '@coe/event-store';

export const benchMetadata: EventMetadata = {
  actor: { sub: 'bench-clerk', roles: ['mou-clerk'] },
  correlationId: '6c1f3c7e-8a51-4d1e-9a4f-0d6b1c2e3f40',
};

export type SampleData = {
  mouId: string;
  line: number;
  category: string;
  item: string;
  quantity: number;
  monthlyRate: string;
  currency: string;
  serviceable: boolean;
};

export const sampleData = (line: number): SampleData => ({
  mouId: 'DOS/MINUSMA/BGD/03',
  line,
  category: 'major-equipment',
  item: 'Armoured personnel carrier, wheeled, class II',
  quantity: 12,
  monthlyRate: '3215.50',
  currency: 'USD',
  serviceable: true,
});

export const SAMPLE_TYPE = 'MajorEquipmentVerified';

/** Stream ids rotate over a few streams per writer, so appends extend existing streams. */
export const rotatingStream = (writer: number, iteration: number, streamsPerWriter = 50): string =>
  `bench-${writer}-${iteration % streamsPerWriter}`;

/** A fresh stream per batch append. */
export const freshStream = (writer: number, iteration: number, round: string): string =>
  `batch-${round}-${writer}-${iteration}`;
