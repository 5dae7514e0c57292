import { createHash, randomBytes } from 'node:crypto';
import { type MouTestApp, startMouTestApp } from '../mou-negotiation.test-app';

// The signed MOU and the note verbale attached to the events that record them: uploaded by hash, named
// in the event (so the hash chain covers the bytes), downloaded by whoever may read the MOU.
const MAX_BYTES = 4096;
let t: MouTestApp;

beforeAll(async () => {
  t = await startMouTestApp('none', () => [], { DOCUMENT_MAX_BYTES: String(MAX_BYTES) });
});
afterAll(() => t?.close());

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
// fresh bytes every run: the document table is shared by every test of the database
const pdf = () => Buffer.concat([Buffer.from('%PDF-1.7\n%', 'latin1'), randomBytes(200)]);
const png = () =>
  Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), randomBytes(120)]);

const upload = async (bytes: Buffer, contentType: string, role: 'mou-clerk' | 'auditor' = 'mou-clerk') =>
  t
    .http()
    .post('/v1/documents')
    .set(await t.auth(role))
    .set('Content-Type', contentType)
    .send(bytes);

const download = async (hash: string, role: Parameters<MouTestApp['auth']>[0], contributor?: string) =>
  t
    .http()
    .get(`/v1/documents/${hash}`)
    .set(await t.auth(role, contributor))
    .buffer(true)
    .parse((res, done) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => done(null, Buffer.concat(chunks)));
    });

const post = async (path: string, body: object) =>
  t
    .http()
    .post(path)
    .set(await t.auth())
    .send(body);

const draftAndSend = async (contributor: string, mission: string, documents: object[] = []) => {
  const drafted = await post('/v1/mous', {
    mission,
    contributor,
    unitName: `${contributor} engineers`,
    unitType: 'ENG',
    personnelCeiling: 275,
    negotiationOpenedOn: '2018-01-15',
  });
  expect(drafted.status).toBe(201);
  const mouId = drafted.body.mouId as string;
  const sent = await post(`/v1/mous/${mouId}/sent-to-permanent-mission`, { sentOn: '2018-06-01', documents });
  expect(sent.status).toBe(200);
  return mouId;
};

const payloads = async (mouId: string, type: string) => {
  const { rows } = await t.pool.query<{ data: Record<string, unknown> }>(
    `select data from ${t.schema}.events where stream_id = $1 and event_type = $2 order by stream_version`,
    [`mou-${mouId}`, type],
  );
  return rows.map((row) => row.data);
};

describe('documents attached to MOU events', () => {
  it('stores a PDF by its hash, attaches it to a signature, and serves it to whoever may read the MOU', async () => {
    const bytes = pdf();
    const hash = sha256(bytes);
    const uploaded = await upload(bytes, 'application/pdf');
    expect(uploaded.status).toBe(201);
    expect(uploaded.body).toEqual({ sha256: hash, mediaType: 'application/pdf', size: bytes.length });
    expect(uploaded.headers.location).toBe(`/v1/documents/${hash}`);
    // the same bytes again: stored once
    const again = await upload(bytes, 'application/pdf');
    expect([again.status, again.body.sha256]).toEqual([200, hash]);

    const mouId = await draftAndSend('NPL', 'UNMISS');
    // nobody may read a document no event names yet
    expect((await download(hash, 'auditor')).status).toBe(404);

    const document = {
      sha256: hash,
      title: 'MOU signed by the Permanent Representative',
      kind: 'signed-mou',
    };
    const signed = await post(`/v1/mous/${mouId}/signatures`, {
      party: 'contributor',
      signedOn: '2018-11-20',
      documents: [document],
    });
    expect(signed.status).toBe(200);

    // the stored event carries the hash, so the hash chain covers the bytes
    expect(await payloads(mouId, 'MouSigned')).toEqual([
      {
        mouId,
        party: 'contributor',
        signedOn: '2018-11-20',
        documents: [{ ...document, mediaType: 'application/pdf', size: bytes.length }],
      },
    ]);
    // and the MOU's history shows it
    const read = await t
      .http()
      .get(`/v1/mous/${mouId}`)
      .set(await t.auth('auditor'));
    const entry = read.body.history.find((h: { type: string }) => h.type === 'MouSigned');
    expect(entry.documents).toEqual([{ ...document, mediaType: 'application/pdf', size: bytes.length }]);

    for (const [role, contributor] of [
      ['mou-clerk', undefined],
      ['finance-officer', undefined],
      ['auditor', undefined],
      ['contributor-representative', 'NPL'],
    ] as const) {
      const got = await download(hash, role, contributor);
      expect([role, got.status]).toEqual([role, 200]);
      expect(Buffer.compare(got.body as Buffer, bytes)).toBe(0);
      expect(got.headers['content-type']).toBe('application/pdf');
      expect(got.headers['content-length']).toBe(String(bytes.length));
      expect(got.headers.etag).toBe(`"${hash}"`);
      expect(got.headers['content-disposition']).toBe(`attachment; filename="${hash}.pdf"`);
    }
    // another country's representative learns nothing, not even that it exists
    const other = await download(hash, 'contributor-representative', 'BGD');
    expect([other.status, JSON.parse(String(other.body)).code]).toEqual([404, 'DOCUMENT_NOT_FOUND']);
    // a client holding it already is told so
    const cached = await t
      .http()
      .get(`/v1/documents/${hash}`)
      .set(await t.auth('auditor'))
      .set('If-None-Match', `"${hash}"`);
    expect(cached.status).toBe(304);
  });

  it('replays an upload retried with its Idempotency-Key, and refuses the key with other bytes', async () => {
    const key = `upload-${randomBytes(6).toString('hex')}`;
    const send = async (bytes: Buffer) =>
      t
        .http()
        .post('/v1/documents')
        .set(await t.auth())
        .set({ 'Content-Type': 'application/pdf', 'Idempotency-Key': key })
        .send(bytes);
    const bytes = pdf();
    const first = await send(bytes);
    const retried = await send(bytes);
    expect([first.status, retried.status, retried.headers['idempotent-replayed']]).toEqual([
      201,
      201,
      'true',
    ]);
    expect(retried.body).toEqual(first.body);
    const other = await send(pdf());
    expect([other.status, other.body.code]).toEqual([422, 'IDEMPOTENCY_KEY_REUSED']);
  });

  it('attaches the note verbale and the draft to the sending, in the order named', async () => {
    const [note, draft] = [png(), pdf()];
    expect((await upload(note, 'image/png')).status).toBe(201);
    expect((await upload(draft, 'application/pdf')).status).toBe(201);
    const named = [
      { sha256: sha256(note), title: 'Note verbale 2018/114', kind: 'note-verbale' },
      { sha256: sha256(draft), title: 'Draft MOU as sent', kind: 'other' },
    ];
    const mouId = await draftAndSend('RWA', 'MINUSCA', named);
    const recorded = [
      { ...named[0], mediaType: 'image/png', size: note.length },
      { ...named[1], mediaType: 'application/pdf', size: draft.length },
    ];
    expect(await payloads(mouId, 'MouSentToPermanentMission')).toEqual([
      { mouId, sentOn: '2018-06-01', documents: recorded },
    ]);
    const read = await t
      .http()
      .get(`/v1/mous/${mouId}`)
      .set(await t.auth('contributor-representative', 'RWA'));
    expect(read.body.history.map((h: { documents: object[] }) => h.documents)).toEqual([[], recorded]);
    const got = await download(named[0]!.sha256, 'contributor-representative', 'RWA');
    expect([got.status, got.headers['content-type']]).toEqual([200, 'image/png']);
  });

  it('refuses a hash nobody uploaded, and records nothing', async () => {
    const mouId = await draftAndSend('PAK', 'MONUSCO');
    const before = await t.eventCount();
    const refused = await post(`/v1/mous/${mouId}/signatures`, {
      party: 'un',
      signedOn: '2018-07-02',
      documents: [{ sha256: sha256(pdf()), title: 'MOU', kind: 'signed-mou' }],
    });
    expect([refused.status, refused.body.code]).toEqual([422, 'DOCUMENT_NOT_UPLOADED']);
    expect(await t.eventCount()).toBe(before);
    const malformed = await post(`/v1/mous/${mouId}/signatures`, {
      party: 'un',
      signedOn: '2018-07-02',
      documents: [{ sha256: 'not-a-hash', title: 'MOU', kind: 'treaty' }],
    });
    expect([malformed.status, malformed.body.code]).toEqual([400, 'VALIDATION_FAILED']);
  });

  it('refuses content that is not what its Content-Type says, another type, and more than the limit', async () => {
    const executable = Buffer.concat([Buffer.from('MZ', 'latin1'), randomBytes(100)]);
    const disguised = await upload(executable, 'application/pdf');
    expect([disguised.status, disguised.body.code]).toEqual([415, 'DOCUMENT_TYPE_NOT_ALLOWED']);
    const renamed = await upload(png(), 'image/jpeg');
    expect([renamed.status, renamed.body.code]).toEqual([415, 'DOCUMENT_TYPE_NOT_ALLOWED']);
    const gif = await upload(Buffer.from('GIF89a', 'latin1'), 'image/gif');
    expect([gif.status, gif.body.code]).toEqual([415, 'DOCUMENT_TYPE_NOT_ALLOWED']);
    const json = await t
      .http()
      .post('/v1/documents')
      .set(await t.auth())
      .send({ sha256: 'x' });
    expect([json.status, json.body.code]).toEqual([415, 'DOCUMENT_TYPE_NOT_ALLOWED']);

    const large = Buffer.concat([Buffer.from('%PDF-1.7\n', 'latin1'), randomBytes(MAX_BYTES)]);
    const tooLarge = await upload(large, 'application/pdf');
    expect([tooLarge.status, tooLarge.body.code]).toEqual([413, 'DOCUMENT_TOO_LARGE']);
    const exactly = await upload(large.subarray(0, MAX_BYTES), 'application/pdf');
    expect(exactly.status).toBe(201);

    // only those who attach documents upload them
    expect((await upload(pdf(), 'application/pdf', 'auditor')).status).toBe(403);
    // nothing refused was stored
    const { rows } = await t.pool.query<{ n: number }>(
      'select count(*)::int as n from platform.documents where sha256 = any($1)',
      [[sha256(executable), sha256(large)]],
    );
    expect(rows[0]!.n).toBe(0);
  });

  it('takes `for`, which the gateway routes by, and refuses a value that is none of its own', async () => {
    const bytes = pdf();
    const auth = await t.auth();
    const stored = await t
      .http()
      .post('/v1/documents?for=mous')
      .set(auth)
      .set('Content-Type', 'application/pdf')
      .send(bytes);
    expect([stored.status, stored.body.sha256]).toEqual([201, sha256(bytes)]);
    const wrong = await t
      .http()
      .post('/v1/documents?for=claims')
      .set(auth)
      .set('Content-Type', 'application/pdf')
      .send(pdf());
    expect([wrong.status, wrong.body.code]).toEqual([400, 'VALIDATION_FAILED']);
    const read = await t.http().get(`/v1/documents/${'0'.repeat(64)}?for=mous`).set(auth);
    expect([read.status, read.body.code]).toEqual([404, 'DOCUMENT_NOT_FOUND']);
  });

  it('checks the bytes against their hash on the way out', async () => {
    const genuine = pdf();
    const hash = sha256(genuine);
    // bytes altered in the table after they were stored under the hash of the genuine ones
    await t.pool.query(
      `insert into platform.documents (sha256, media_type, size, content) values ($1, 'application/pdf', $2, $3)`,
      [hash, genuine.length, pdf()],
    );
    const mouId = await draftAndSend('IND', 'UNIFIL');
    const signed = await post(`/v1/mous/${mouId}/signatures`, {
      party: 'un',
      signedOn: '2018-07-02',
      documents: [{ sha256: hash, title: 'MOU', kind: 'signed-mou' }],
    });
    expect(signed.status).toBe(200);
    const got = await download(hash, 'auditor');
    expect([got.status, JSON.parse(String(got.body)).code]).toEqual([500, 'DOCUMENT_CORRUPTED']);
    // and a stored document cannot be changed in place
    await expect(
      t.pool.query('update platform.documents set content = $2 where sha256 = $1', [hash, genuine]),
    ).rejects.toThrow(/never changes/);
  });

  it('leaves the hash chain of an MOU with documents intact', async () => {
    const bytes = pdf();
    await upload(bytes, 'application/pdf');
    const document = { sha256: sha256(bytes), title: 'Note verbale', kind: 'note-verbale' };
    const mouId = await draftAndSend('GHA', 'UNISFA', [document]);
    const auditor = await t.auth('auditor');
    const started = await t
      .http()
      .post('/v1/audit/verifications')
      .set(auditor)
      .send({ streamId: `mou-${mouId}` })
      .expect(202);
    let result = started.body;
    while (result.status === 'running') {
      await new Promise((resolve) => setTimeout(resolve, 50));
      result = (await t.http().get(`/v1/audit/verifications/${started.body.verificationId}`).set(auditor))
        .body;
    }
    expect(result).toMatchObject({ status: 'intact', streamsChecked: 1, eventsChecked: 2 });
  });
});
