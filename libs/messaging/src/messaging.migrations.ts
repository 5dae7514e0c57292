import type { Migration } from '@coe/event-store';

/** Tables of the relay and of consumers, in the schema of the service that runs them. */
export const messagingMigrations: Migration[] = [
  {
    id: 'messaging-001-checkpoints',
    sql: (s) => `
      -- where each relay (one per source store) has published up to
      create table ${s}.relay_checkpoints (
        relay text primary key,
        transaction_id xid8 not null,
        global_position bigint not null,
        updated_at timestamptz not null default now()
      );
      -- every event a consumer has applied, written in the same transaction as its effect
      create table ${s}.processed_events (
        consumer text not null,
        event_id uuid not null,
        processed_at timestamptz not null default now(),
        primary key (consumer, event_id)
      );
      -- in-process delivery: how far each consumer has read each source store
      create table ${s}.delivery_checkpoints (
        consumer text not null,
        source text not null,
        transaction_id xid8 not null,
        global_position bigint not null,
        primary key (consumer, source)
      );
      -- events a consumer failed on, kept until an operator retries them
      create table ${s}.dead_letters (
        id bigint generated always as identity primary key,
        consumer text not null,
        event_id uuid not null,
        event_type text not null,
        stream_id text not null,
        event jsonb not null,
        error text not null,
        attempts integer not null,
        parked_at timestamptz not null default now(),
        unique (consumer, event_id)
      );
    `,
  },
  {
    id: 'messaging-002-consumer-positions',
    sql: (s) => `
      -- how far each consumer has read each partition of a topic (in-process: the source store, partition 0),
      -- written in the same transaction as the effects: the last event by (transaction_id, global_position),
      -- the relay's publishing order, so an event at or before it is one already seen; and how many events
      -- it consumed there (applied or parked)
      create table ${s}.consumer_positions (
        consumer text not null,
        topic text not null,
        partition integer not null,
        transaction_id xid8,
        global_position bigint,
        events bigint not null default 0,
        updated_at timestamptz not null default now(),
        primary key (consumer, topic, partition)
      );
      comment on table ${s}.processed_events is
        'ids of the events consumed without a transaction id (published before coe_transactionid existed)';
    `,
  },
  {
    id: 'messaging-003-in-process-positions',
    sql: (s) => `
      -- in-process delivery reads from the consumer's position in each store (a feed of one partition,
      -- named after the store's service), which the applier already moves with every batch
      insert into ${s}.consumer_positions (consumer, topic, partition, transaction_id, global_position)
      select consumer, source, 0, transaction_id, global_position from ${s}.delivery_checkpoints
      on conflict (consumer, topic, partition) do nothing;
      drop table ${s}.delivery_checkpoints;
    `,
  },
];
