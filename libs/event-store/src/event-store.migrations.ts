import type { Migration } from './migrations';

/** SQLSTATEs the store meets; see PostgresEventStore for how each is handled. */
export const SQLSTATE = {
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
      -- p_expected_version: -1 any, 0 no stream, n exact. p_metadata: the envelope shared by the events.
      -- p_events: [{event_id, event_type, schema_version, data, effective_on, content_hash}] in order.
      create function ${s}.append_events(
        p_stream_id text, p_expected_version bigint, p_recorded_at timestamptz, p_metadata jsonb, p_events jsonb
      ) returns table (next_version bigint, last_position bigint, already_stored boolean)
      language plpgsql as $f$
      declare
        v_version bigint := 0;
        v_hash text;
        v_prev_txid xid8;
        v_count int := jsonb_array_length(p_events);
        v_contents text[];
        v_hashes text[];
        v_prevs text[];
        v_event jsonb;
        v_position bigint;
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

        if v_count = 1 then
          -- the common case (one command, one event): no set-returning functions, one plain INSERT
          v_event := p_events->0;
          next_version := v_version + 1;
          insert into ${s}.events (event_id, stream_id, stream_version, event_type, schema_version, data, metadata,
                                   effective_on, recorded_at, content_hash, hash, previous_hash)
          values ((v_event->>'event_id')::uuid, p_stream_id, next_version, v_event->>'event_type',
                  (v_event->>'schema_version')::int, v_event->'data', p_metadata, (v_event->>'effective_on')::date,
                  p_recorded_at, v_event->>'content_hash',
                  encode(sha256(convert_to(coalesce(v_hash, '') || ':' || next_version::text || ':' || (v_event->>'content_hash'), 'UTF8')), 'hex'),
                  v_hash)
          returning global_position into last_position;
          already_stored := false;
          return next;
          return;
        end if;

        select array_agg(x->>'content_hash' order by n) into v_contents
          from jsonb_array_elements(p_events) with ordinality as t(x, n);
        v_hashes := array_fill(null::text, array[v_count]);
        v_prevs := array_fill(null::text, array[v_count]);
        for i in 1..v_count loop
          v_prevs[i] := v_hash;
          v_hash := encode(sha256(convert_to(coalesce(v_hash, '') || ':' || (v_version + i)::text || ':' || v_contents[i], 'UTF8')), 'hex');
          v_hashes[i] := v_hash;
        end loop;

        with inserted as (
          insert into ${s}.events (event_id, stream_id, stream_version, event_type, schema_version, data, metadata,
                                   effective_on, recorded_at, content_hash, hash, previous_hash)
          select e.event_id, p_stream_id, v_version + e.n, e.event_type, e.schema_version, e.data, p_metadata,
                 e.effective_on, p_recorded_at, e.content_hash, v_hashes[e.n], v_prevs[e.n]
            from rows from (jsonb_to_recordset(p_events)
                   as (event_id uuid, event_type text, schema_version int, data jsonb, effective_on date, content_hash text))
                 with ordinality as e(event_id, event_type, schema_version, data, effective_on, content_hash, n)
           order by e.n
          returning global_position
        )
        select max(global_position) into v_position from inserted;
        return query select v_version + v_count, v_position, false;
      end $f$;
    `,
  },
  {
    // Appends are now one INSERT whose WHERE checks the head the client chained onto (PostgresEventStore):
    // the hashes are computed once, in Node, and most appends need no read at all.
    id: 'event-store-002-drop-append-function',
    sql: (s) => `drop function ${s}.append_events(text, bigint, timestamptz, jsonb, jsonb);`,
  },
];
