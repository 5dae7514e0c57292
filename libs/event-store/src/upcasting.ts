/** Turns the data of an event stored with `fromSchemaVersion` into the shape of the next version. */
export type Upcaster = {
  type: string;
  fromSchemaVersion: number;
  upcast: (data: unknown) => unknown;
};

export type UpcastResult = { schemaVersion: number; data: unknown };

/** Applies upcasters one version at a time until none matches: v1 -> v2 -> v3 … */
export const upcasterChain = (upcasters: Upcaster[]) => {
  const byKey = new Map(upcasters.map((u) => [`${u.type}@${u.fromSchemaVersion}`, u]));
  const upcastTypes = new Set(upcasters.map((u) => u.type));
  const chain = (type: string, schemaVersion: number, data: unknown): UpcastResult => {
    // most types have no upcaster: no key string to build per event read
    if (!upcastTypes.has(type)) return { schemaVersion, data };
    let version = schemaVersion;
    let current = data;
    for (let next = byKey.get(`${type}@${version}`); next; next = byKey.get(`${type}@${version}`)) {
      current = next.upcast(current);
      version += 1;
    }
    return { schemaVersion: version, data: current };
  };
  /** Whether some upcaster knows this type (else its data is returned as stored, at any version). */
  return Object.assign(chain, { applies: (type: string): boolean => upcastTypes.has(type) });
};
