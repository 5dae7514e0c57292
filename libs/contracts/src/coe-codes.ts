// The one list of category codes that MOU annexes, rate tables and verification reports speak. Codes
// are matched exactly (no case folding): `catering` in a rate table pays `catering` in annex C, and an
// annex that says `Catering` is refused where it is entered rather than silently missing its rate.

/** One code and its labels; the code is what is stored and matched, the labels are for people. */
export type CoeCode = { code: string; en: string; fr: string };

export type CoeCodeKind = 'self-sustainment' | 'major-equipment';

/** A major-equipment item: a code under its category's code, with labels. */
export type CoeItem = CoeCode & { category: string };

/**
 * An edition of the list. A later edition of the COE Manual that adds or renames a category is a new
 * edition here (from its `effectiveFrom`); codes already recorded in events stay readable whatever the
 * edition, because the list is checked only where a value is entered.
 */
export type CoeCodeList = {
  edition: string;
  effectiveFrom: string;
  source: string;
  /** Annex C categories: a rate per person per month each. */
  selfSustainment: readonly CoeCode[];
  /** Annex B categories: each line names one, with its item. */
  majorEquipment: readonly CoeCode[];
  /** Where `items` comes from: not always the same source as the categories (see the edition). */
  itemsSource: string;
  /** Major-equipment items, each under its category code; an annex B line names one of its category. */
  items: readonly CoeItem[];
};

const c = (code: string, en: string, fr: string): CoeCode => ({ code, en, fr });
const item = (category: string, code: string, en: string, fr: string): CoeItem => ({ category, code, en, fr });

export const COE_CODE_LISTS: readonly CoeCodeList[] = [
  {
    edition: 'COE Manual 2020',
    effectiveFrom: '2020-07-01',
    source: 'COE Manual (A/75/121), chapter 8: self-sustainment categories and major equipment categories',
    selfSustainment: [
      c('catering', 'Catering', 'Restauration'),
      c(
        'communications',
        'Communications (VHF/UHF-FM, HF, telephone)',
        'Communications (VHF/UHF-FM, HF, téléphone)',
      ),
      c('internet-access', 'Internet access', 'Accès à Internet'),
      c('office', 'Office', 'Bureautique'),
      c('electrical', 'Electrical', 'Électricité'),
      c('minor-engineering', 'Minor engineering', 'Petits travaux de génie'),
      c('eod', 'Explosive ordnance disposal', 'Neutralisation des explosifs et munitions'),
      c('laundry', 'Laundry', 'Blanchisserie'),
      c('cleaning', 'Cleaning', 'Nettoyage'),
      c('tentage', 'Tentage', 'Tentes'),
      c('accommodation', 'Accommodation', 'Hébergement'),
      c('fire-fighting', 'Basic fire-fighting', 'Lutte élémentaire contre l’incendie'),
      c('fire-detection-and-alarm', 'Fire detection and alarm', 'Détection et alarme incendie'),
      c('medical-basic', 'Medical: basic', 'Soins médicaux : de base'),
      c('medical-level-1', 'Medical: level 1', 'Soins médicaux : niveau 1'),
      c('medical-level-2', 'Medical: level 2', 'Soins médicaux : niveau 2'),
      c('medical-level-3', 'Medical: level 3', 'Soins médicaux : niveau 3'),
      c(
        'medical-high-risk-areas',
        'Medical: high-risk areas (epidemiological)',
        'Soins médicaux : zones à haut risque (épidémiologique)',
      ),
      c(
        'medical-blood-products',
        'Medical: blood and blood products',
        'Soins médicaux : sang et produits sanguins',
      ),
      c('medical-laboratory', 'Medical: laboratory only', 'Soins médicaux : laboratoire seulement'),
      c('medical-dental', 'Medical: dental only', 'Soins médicaux : soins dentaires seulement'),
      c('observation-general', 'Observation: general', 'Observation : générale'),
      c('observation-night', 'Observation: night observation', 'Observation : observation de nuit'),
      c('observation-positioning', 'Observation: positioning', 'Observation : positionnement'),
      c('identification', 'Identification', 'Identification'),
      c(
        'nbc-protection',
        'Nuclear, biological and chemical protection',
        'Protection nucléaire, biologique et chimique',
      ),
      c('field-defence-stores', 'Field defence stores', 'Matériel de défense de campagne'),
      c(
        'misc-general-stores',
        'Miscellaneous general stores (bedding, furniture, welfare)',
        'Fournitures générales diverses (literie, mobilier, bien-être)',
      ),
      c('unique-equipment', 'Unique equipment', 'Matériel spécial'),
    ],
    majorEquipment: [
      c(
        'armoured-personnel-carrier',
        'Armoured personnel carriers',
        'Véhicules blindés de transport de troupes',
      ),
      c('infantry-fighting-vehicle', 'Infantry fighting vehicles', 'Véhicules de combat d’infanterie'),
      c('reconnaissance-vehicle', 'Reconnaissance vehicles', 'Véhicules de reconnaissance'),
      c('artillery', 'Artillery', 'Artillerie'),
      c('air-defence', 'Air defence', 'Défense antiaérienne'),
      c('weapons', 'Weapons', 'Armement'),
      c(
        'support-vehicle-commercial',
        'Support vehicles (commercial pattern)',
        'Véhicules de soutien (modèle commercial)',
      ),
      c(
        'support-vehicle-military',
        'Support vehicles (military pattern)',
        'Véhicules de soutien (modèle militaire)',
      ),
      c('engineering', 'Engineering equipment', 'Matériel du génie'),
      c('material-handling', 'Material handling equipment', 'Matériel de manutention'),
      c('electrical', 'Electrical equipment (generators)', 'Matériel électrique (groupes électrogènes)'),
      c('communications', 'Communications equipment', 'Matériel de communication'),
      c('observation', 'Observation equipment', 'Matériel d’observation'),
      c(
        'eod',
        'Explosive ordnance disposal equipment',
        'Matériel de neutralisation des explosifs et munitions',
      ),
      c('medical', 'Medical and dental equipment', 'Matériel médical et dentaire'),
      c('accommodation', 'Accommodation units and containers', 'Unités d’hébergement et conteneurs'),
      c('catering', 'Kitchen and catering equipment', 'Matériel de cuisine et de restauration'),
      c('water-purification', 'Water purification and storage', 'Purification et stockage de l’eau'),
      c('fuel', 'Petroleum, oil and lubricants equipment', 'Matériel pour produits pétroliers'),
      c('airfield-support', 'Airfield support equipment', 'Matériel de soutien d’aérodrome'),
      c('aircraft', 'Aircraft', 'Aéronefs'),
      c('naval-vessel', 'Naval vessels', 'Navires'),
      c('miscellaneous', 'Miscellaneous major equipment', 'Matériel majeur divers'),
    ],
    // The Manual's own item list (chapter 8, annex A: generic fair market values of major equipment)
    // could not be retrieved from the sources this project can read, so none of its items is copied
    // here and none is made up in its name. What is listed is the project's working list: the items
    // its MOUs, rate tables, reports and tests have entered so far, each under its category code. An
    // administrator extends it as the data it is: add the Manual's items (or a mission's) as a new
    // edition below, with its `effectiveFrom` and `itemsSource`; what is entered from that date is
    // checked against it, and items recorded earlier stay readable whatever the edition.
    itemsSource: 'Project working list (not yet the COE Manual’s chapter 8 annex A list; see coe-codes.ts)',
    items: [
      item(
        'armoured-personnel-carrier',
        'apc-wheeled',
        'Armoured personnel carrier, wheeled',
        'Véhicule blindé de transport de troupes, à roues',
      ),
      item('support-vehicle-military', 'truck-cargo-5t', 'Truck, cargo, 5 t', 'Camion de transport, 5 t'),
      item('support-vehicle-military', 'truck-utility', 'Truck, utility', 'Camion utilitaire'),
      item('support-vehicle-military', 'truck-water-tanker', 'Truck, water tanker', 'Camion-citerne à eau'),
      item('support-vehicle-military', 'ambulance', 'Ambulance', 'Ambulance'),
      item('engineering', 'excavator-medium', 'Excavator, medium', 'Pelle hydraulique, moyenne'),
      item('electrical', 'generator-60-kva', 'Generator, 60 kVA', 'Groupe électrogène, 60 kVA'),
    ],
  },
];

/** The latest edition: what a value entered today is checked against. */
export const currentCoeCodes = (): CoeCodeList => COE_CODE_LISTS[COE_CODE_LISTS.length - 1]!;

/** Whether `value` is a code of `kind`, exactly (no case folding). */
export const isCoeCode = (kind: CoeCodeKind, value: string, list: CoeCodeList = currentCoeCodes()): boolean =>
  (kind === 'self-sustainment' ? list.selfSustainment : list.majorEquipment).some(
    (entry) => entry.code === value,
  );

/** Whether `value` is an item code listed under the major-equipment category `category`, exactly. */
export const isCoeItem = (category: string, value: string, list: CoeCodeList = currentCoeCodes()): boolean =>
  list.items.some((entry) => entry.category === category && entry.code === value);

const folded = (text: string): string =>
  text
    .trim()
    .toLowerCase()
    .replace(/[\s_,]+/g, '-')
    .replace(/-+/g, '-');

/**
 * Null when `value` is an item of `category`; else why not, naming the item it was probably meant to be
 * (the same words in another case, spacing or as its English label) or, failing that, where the list is.
 * `field` is where the item was entered (e.g. `annexB[0].item`); an unknown category is refused first,
 * by `unknownCoeCode`.
 */
export const unknownCoeItem = (
  category: string,
  value: string,
  field: string,
  list: CoeCodeList = currentCoeCodes(),
): UnknownCoeCode | null => {
  if (isCoeItem(category, value, list)) return null;
  const items = list.items.filter((entry) => entry.category === category);
  const near = items.find((entry) => entry.code === folded(value) || folded(entry.en) === folded(value));
  const message = near
    ? `${field}: "${value}" is not an item code of ${category}; the code is "${near.code}" (codes are matched exactly).`
    : `${field}: "${value}" is not an item code of ${category}; GET /v1/reference/coe-codes lists them under \`items\` (${list.edition}).`;
  return {
    message,
    details: {
      field,
      category,
      item: value,
      suggestion: near?.code ?? null,
      errors: [{ field, message }],
    },
  };
};

/** A value refused as a code: the message, and the problem details naming the field it was entered in. */
export type UnknownCoeCode = {
  message: string;
  details: {
    field: string;
    category: string;
    /** The item refused (UNKNOWN_ITEM only). */
    item?: string;
    suggestion: string | null;
    errors: { field: string; message: string }[];
  };
};

/**
 * Null when `value` is a code of `kind`; else why not, naming the code it was probably meant to be (the
 * same words in another case or spacing) or, failing that, where the list is.
 */
export const unknownCoeCode = (
  kind: CoeCodeKind,
  value: string,
  field: string,
  list: CoeCodeList = currentCoeCodes(),
): UnknownCoeCode | null => {
  if (isCoeCode(kind, value, list)) return null;
  const codes = kind === 'self-sustainment' ? list.selfSustainment : list.majorEquipment;
  const near = codes.find((entry) => entry.code === folded(value) || folded(entry.en) === folded(value));
  const message = near
    ? `${field}: "${value}" is not a ${kind} code; the code is "${near.code}" (codes are matched exactly).`
    : `${field}: "${value}" is not a ${kind} code; GET /v1/reference/coe-codes lists them (${list.edition}).`;
  return {
    message,
    details: { field, category: value, suggestion: near?.code ?? null, errors: [{ field, message }] },
  };
};

/**
 * Null when a major-equipment entry (an annex B line, a rate, a requirement, an item lost) names a
 * category code and an item code of that category; else the refusal and its code: UNKNOWN_CATEGORY
 * naming `<at>.category`, or UNKNOWN_ITEM naming `<at>.item`.
 */
export const unknownEquipment = (
  entry: { category: string; item: string },
  at: string,
  list: CoeCodeList = currentCoeCodes(),
): { code: 'UNKNOWN_CATEGORY' | 'UNKNOWN_ITEM'; problem: UnknownCoeCode } | null => {
  const category = unknownCoeCode('major-equipment', entry.category, `${at}.category`, list);
  if (category) return { code: 'UNKNOWN_CATEGORY', problem: category };
  const item = unknownCoeItem(entry.category, entry.item, `${at}.item`, list);
  return item ? { code: 'UNKNOWN_ITEM', problem: item } : null;
};
