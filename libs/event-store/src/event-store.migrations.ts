import type { Migration } from './migrations';

/** SQLSTATEs raised by append_events; see PostgresEventStore for how each is handled. */
export const SQLSTATE = {
  wrongExpectedVersion: 'CE001',
  staleTransaction: 'CE002',
  appendOnly: 'CE003',
  uniqueViolation: '23505',
} as const;

export const eventStoreMigrations: Migration[] = [
  {
    id: 'event-store-001-events',
    sql: (s) => `
      create table ${s}.events (
        global_position bigint generated always as identity,
        transaction_id xid8 not null default pg_current_xact_id(),
        event_id uuid not null unique,
        stream_id text not null,
        stream_version bigint not null,
        event_type text not null,
        schema_version integer not null,
        data jsonb not null,
        metadata jsonb not null,
        effective_on date,
        recorded_at timestamptz not null,
        content_hash text not null,
        hash text not null,
        previous_hash text,
        unique (stream_id, stream_version),
        -- readers of the global order page by (transaction_id, global_position): the key is that order
        primary key (transaction_id, global_position)
      );

      create function ${s}.reject_event_change() returns trigger language plpgsql as $f$
      begin
        raise exception 'events are append-only: % is not allowed', tg_op using errcode = 'CE003';
      end $f$;
      create trigger events_append_only_rows before update or delete on ${s}.events
        for each row execute function ${s}.reject_event_change();
      create trigger events_append_only_truncate before truncate on ${s}.events
        for each statement execute function ${s}.reject_event_change();
      revoke update, delete, truncate on ${s}.events from public;

      -- One round trip per append: checks the expected version, chains the hashes and inserts. A retried
      -- append (an event id already stored) fails on the event_id key; the caller then reads what it stored.
      -- p_expected_version: -1 any, 0 no stream, n exact. p_events: [{event_id, event_type, schema_version,
      -- data, metadata, effective_on, content_hash}] in order.
      create function ${s}.append_events(
        p_stream_id text, p_expected_version bigint, p_recorded_at timestamptz, p_events jsonb
      ) returns table (next_version bigint, last_position bigint, already_stored boolean)
      language plpgsql as $f$
      declare
        v_version bigint := 0;
        v_hash text;
        v_prev_txid xid8;
        v_count int := jsonb_array_length(p_events);
        v_versions bigint[] := '{}';
        v_hashes text[] := '{}';
        v_prevs text[] := '{}';
        v_event jsonb;
      begin
        select e.stream_version, e.hash, e.transaction_id into v_version, v_hash, v_prev_txid
          from ${s}.events e where e.stream_id = p_stream_id order by e.stream_version desc limit 1;
        if not found then v_version := 0; end if;

        if (p_expected_version = 0 and v_version <> 0) or (p_expected_version > 0 and v_version <> p_expected_version) then
          raise exception 'stream % is at version %, expected %', p_stream_id, v_version, p_expected_version
            using errcode = 'CE001';
        end if;
        -- Readers order by transaction id: a later version must never carry an older transaction id.
        if v_prev_txid is not null and v_prev_txid > pg_current_xact_id() then
          raise exception 'transaction older than the last event of stream %', p_stream_id using errcode = 'CE002';
        end if;

        for v_event in select value from jsonb_array_elements(p_events) loop
          v_version := v_version + 1;
          v_prevs := v_prevs || v_hash;
          v_hash := encode(sha256(convert_to(coalesce(v_hash, '') || ':' || v_version::text || ':' || (v_event->>'content_hash'), 'UTF8')), 'hex');
          v_versions := v_versions || v_version;
          v_hashes := v_hashes || v_hash;
        end loop;

        return query
        with inserted as (
          insert into ${s}.events (event_id, stream_id, stream_version, event_type, schema_version, data, metadata,
                                   effective_on, recorded_at, content_hash, hash, previous_hash)
          select (e.value->>'event_id')::uuid, p_stream_id, v_versions[e.n], e.value->>'event_type',
                 (e.value->>'schema_version')::int, e.value->'data', e.value->'metadata',
                 (e.value->>'effective_on')::date, p_recorded_at, e.value->>'content_hash',
                 v_hashes[e.n], v_prevs[e.n]
            from jsonb_array_elements(p_events) with ordinality as e(value, n)
            order by e.n
          returning global_position
        )
        select v_version, max(global_position), false from inserted;
      end $f$;
    `,
  },
];
